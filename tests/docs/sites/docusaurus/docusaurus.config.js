// The Docusaurus 3 site tests/docs builds (make test-docs): three demos in
// MDX, client-side routing, the dark toggle. The Makefile copies it, with
// web/integrations/docusaurus/remark-async-c-demo.mjs and ../shared/*.c in
// static/, to build/docs/docusaurus/ and installs Docusaurus there.
import remarkAsyncCDemo from './remark-async-c-demo.mjs';

export default {
  title: 'Async C demos in Docusaurus',
  url: 'http://127.0.0.1',
  baseUrl: '/',
  favicon: 'favicon.svg',
  onBrokenLinks: 'throw',
  scripts: [{ src: '/playground/embed.js', type: 'module' }],
  presets: [
    ['classic', {
      docs: { routeBasePath: '/', remarkPlugins: [remarkAsyncCDemo] },
      blog: false,
      pages: false,
    }],
  ],
  themeConfig: {
    navbar: { title: 'Async C demos', items: [{ to: '/second', label: 'Second page', position: 'left' }] },
  },
};
