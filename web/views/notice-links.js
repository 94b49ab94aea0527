/**
 * notice-links.js - a notice in the output pane (a blocked loop, a
 * cancelled task still running, a deadlock, tasks left pending) gets a
 * "why?" link to its entry in the reference (web/reference/notices.js has
 * the entries and the texts they match). It watches the pane, so the pane
 * needs to know nothing about the reference.
 */
import { noticeFor } from '../reference/notices.js';

/**
 * The link for a notice's text, or null when it is not one.
 * @param {string} text
 * @param {URL|string} base  where reference.html is
 * @returns {HTMLAnchorElement|null}
 */
export function noticeLink(text, base) {
  const n = noticeFor(text);
  if (!n) return null;
  const a = document.createElement('a');
  a.className = 'why';
  a.href = new URL(`reference.html#notice-${n.id}`, base).href;
  a.target = '_blank';
  a.rel = 'noopener';
  a.textContent = 'why, and how to fix it';
  a.setAttribute('aria-label', `${a.textContent}: ${n.title.toLowerCase()} (opens the reference)`); // the visible words first (WCAG 2.5.3)
  return a;
}

/** Where reference.html is: beside the script that loaded the page or the demos. */
function siteBase() {
  const script = document.querySelector('script[type="module"][src$="embed.js"], script[type="module"][src$="app.js"]');
  return script ? new URL('.', script.src) : document.baseURI;
}

/**
 * @param {HTMLElement} outputEl  the output pane (rows .line with a .text span)
 * @param {URL|string} [base]  where reference.html is
 */
export function linkNotices(outputEl, base = siteBase()) {
  new MutationObserver((records) => {
    for (const r of records) {
      for (const row of r.addedNodes) {
        const text = row.querySelector?.('.text');
        if (!text || row.querySelector('a.why')) continue;
        // the page's notices, and the runtime's own lines on stderr ("async: deadlock: ...")
        const notice = row.matches('.warning, .error') || (row.matches('.err') && text.textContent.startsWith('async: '));
        const a = notice && noticeLink(text.textContent, base);
        if (a) text.append(' ', a);
      }
    }
  }).observe(outputEl, { childList: true });
}

/**
 * The stall banner (stall.js) gets its link too, each time its text is set.
 * @param {HTMLElement|null} banner  the .stall element, its text in a <span>
 * @param {URL|string} [base]
 */
export function linkStall(banner, base = siteBase()) {
  const span = banner?.classList.contains('stall') && banner.querySelector('span');
  if (!span) return;
  new MutationObserver(() => {
    if (span.querySelector('a.why')) return;
    const a = noticeLink(span.textContent, base);
    if (a) span.append(a, ' ');
  }).observe(span, { childList: true });
}
