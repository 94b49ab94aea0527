/**
 * MDX 3 (what Docusaurus 3 compiles pages with, installed by make test-docs
 * into build/docs/docusaurus/): the old inline form with C's braces does not
 * parse; the ```async-c-demo fence with the remark plugin does, braces and
 * all. And embed.js imported where there is no DOM (a server build) defines
 * nothing and throws nothing.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../browser/browser.js';
import remarkAsyncCDemo from '../../web/integrations/docusaurus/remark-async-c-demo.mjs';

const MDX = pathToFileURL(join(ROOT, 'build', 'docs', 'docusaurus', 'node_modules', '@mdx-js', 'mdx', 'index.js')).href;
const C = 'static void *amain(void *arg) { if (arg) { puts("x"); } return arg; }';

test('inline C inside the element is an MDX syntax error: the case the fence form exists for', async () => {
  const { compile } = await import(MDX);
  await expect(compile(`<async-c-demo><script type="text/c">\n${C}\n</script></async-c-demo>\n`))
    .rejects.toThrow(/Could not parse expression with acorn/);
});

test('the code block and the async-c-demo fence compile to the element, its attributes and its fallback', async () => {
  const { compile } = await import(MDX);
  const out = String(await compile(`\`\`\`c\n${C}\n\`\`\`\n\n\`\`\`async-c-demo template="/main.c" clock="virtual" editable\nx { }\n\`\`\`\n`,
    { remarkPlugins: [remarkAsyncCDemo] }));
  /* MDX names a hyphenated tag through its components map, defaulting to the tag itself */
  const [, component] = /(_component\d+) = _components\["async-c-demo"\]/.exec(out);
  const element = out.slice(out.indexOf(`(${component}, {`));
  expect(element).toMatch(/^\(_component\d+, \{\s*template: "\/main.c",\s*clock: "virtual",\s*editable: "",\s*children: \[/);
  expect(element).toContain('children: "Output"');
  expect(element).toContain('children: "x { }\\n"');
  await expect(compile('```async-c-demo tempalte="x.c"\n```\n', { remarkPlugins: [remarkAsyncCDemo] }))
    .rejects.toThrow(/unknown attribute "tempalte"/);
});

test('importing the built embed.js without a DOM (a server-side build) defines nothing and throws nothing', async () => {
  expect(globalThis.customElements).toBeUndefined();
  const mod = await import(pathToFileURL(join(ROOT, 'build', 'site', 'embed.js')).href);
  expect(Object.keys(mod)).toEqual([]);
  expect(globalThis.customElements).toBeUndefined();
});
