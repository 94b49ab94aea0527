/**
 * axe.js - axe-core (npm axe-core, run inside the page) for the browser
 * tests: the violations of the page as it is now, shadow roots included.
 */
import { join } from 'node:path';
import { ROOT } from './browser.js';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * @param {import('playwright-core').Page} page  of a context made with bypassCSP: true (the site's CSP refuses injected scripts)
 * @returns {Promise<{id: string, impact: string, nodes: string[]}[]>} one entry per rule violated
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact,
      nodes: v.nodes.map((n) => `${[].concat(n.target).join(' > ')}: ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`) }));
  });
}

/** "rule ×count" per violated rule, for messages and the report. */
export const summarize = (violations) => violations.map((v) => `${v.id} ×${v.nodes.length}`);
