/**
 * tutorial.js - the tutorial page's own behaviour: a "Run both" button
 * (data-demos="id id") starts the demos it names at the same moment, so two
 * programs run side by side on their shared time axis.
 */
for (const button of document.querySelectorAll('button.run-both')) {
  button.addEventListener('click', async () => {
    await customElements.whenDefined('async-c-demo');
    const demos = button.dataset.demos.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
    for (const demo of demos) demo.run();
  });
}
