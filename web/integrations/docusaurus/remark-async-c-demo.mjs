/**
 * remark-async-c-demo.mjs - ```async-c-demo fences become <async-c-demo>
 * elements in Docusaurus (MDX 3), where inline C would not even parse: MDX
 * reads the braces of C as expressions.
 *
 * docusaurus.config.js:
 *   import remarkAsyncCDemo from './remark-async-c-demo.mjs';
 *   scripts: [{ src: 'https://YOUR-HOST/embed.js', type: 'module' }],
 *   presets: [['classic', { docs: { remarkPlugins: [remarkAsyncCDemo] } }]],
 *
 * A page writes its C in an ordinary ```c block, then the demo, whose fence
 * holds the expected output (the fallback, rendered on the server: seen
 * before the script runs and without JavaScript) and whose meta string holds
 * the element's attributes:
 *   ```async-c-demo template="/main.c" clock="virtual"
 *   hello
 *   ```
 */
const ATTRIBUTES = new Set(['src', 'example', 'template', 'clock', 'height', 'theme', 'editable', 'autorun']);

const jsx = (name, attributes, children) => ({
  type: 'mdxJsxFlowElement', name, children,
  attributes: Object.entries(attributes).map(([k, value]) => ({ type: 'mdxJsxAttribute', name: k, value })),
});

/** The fence's meta string as attributes: key="value" pairs and bare flags. */
function attributes(meta, file, node) {
  const out = {};
  for (const [, key, value] of (meta || '').matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
    if (!ATTRIBUTES.has(key)) file.fail(`async-c-demo: unknown attribute "${key}"`, node);
    out[key] = value ?? '';
  }
  return out;
}

export default function remarkAsyncCDemo() {
  return (tree, file) => {
    const walk = (parent) => {
      parent.children?.forEach((node, i) => {
        if (node.type === 'code' && node.lang === 'async-c-demo') {
          const output = node.value.replace(/^\n+|\n+$/g, '');
          parent.children[i] = jsx('async-c-demo', attributes(node.meta, file, node), output.trim() ? [
            jsx('p', {}, [{ type: 'text', value: 'Output' }]),
            { type: 'code', lang: 'text', value: output }, /* the theme's own code block */
          ] : []);
        } else walk(node);
      });
    };
    walk(tree);
  };
}
