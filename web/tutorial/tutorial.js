/**
 * tutorial.js - the tutorial page's own behaviour: a "Run both" button
 * (data-demos="id id") starts the demos it names at the same moment, so two
 * programs run side by side on their shared time axis; a "Show step N"
 * button (data-demo="id" data-step="...") puts that inspecting demo's cursor
 * at the moment a step of the text describes, just after the event it names:
 *
 *   data-step="suspend task_a"   task_a's first suspension
 *   data-step="output B: done"   the first output that contains "B: done"
 */
for (const button of document.querySelectorAll('button.run-both')) {
  button.addEventListener('click', async () => {
    await customElements.whenDefined('async-c-demo');
    const demos = button.dataset.demos.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
    for (const demo of demos) demo.run();
  });
}

/** The event a data-step names, as a test of (event, names): see the header. */
function stepMatcher(step) {
  const [, kind, arg] = /^(\S+)\s+(.*)$/.exec(step.trim()) || [];
  if (kind === 'output') return (ev) => ev.kind === 'output' && ev.text.includes(arg);
  return (ev, names) => ev.kind === kind && names.get(ev.task) === arg;
}

for (const button of document.querySelectorAll('button.show-step')) {
  button.addEventListener('click', async () => {
    await customElements.whenDefined('async-c-demo');
    const demo = document.getElementById(button.dataset.demo);
    for (const b of document.querySelectorAll('button.show-step')) b.removeAttribute('aria-current');
    button.setAttribute('aria-current', 'step');
    await demo.seek(stepMatcher(button.dataset.step));
  });
}
