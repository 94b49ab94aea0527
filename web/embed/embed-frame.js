/**
 * embed-frame.js - the iframe form of the demo, for hosts that allow only
 * iframes: embed.html#example=event_loop&clock=virtual&editable&autorun.
 * The demo fills the frame; its height is posted to the parent
 * ({type: 'async-c-demo:height', height}) for hosts that size frames.
 */
// embed.html loads embed.js itself: imported here, esbuild would move the
// widget into a shared chunk, and its import.meta.url (its base) with it.
const params = new URLSearchParams(location.hash.slice(1));
const demo = document.createElement('async-c-demo');
for (const k of ['example', 'clock', 'height']) if (params.get(k)) demo.setAttribute(k, params.get(k));
for (const k of ['editable', 'autorun', 'inspect']) if (params.has(k)) demo.setAttribute(k, '');
(document.querySelector('main') || document.body).append(demo); // in the page's main landmark

const post = () => parent.postMessage({ type: 'async-c-demo:height', height: document.documentElement.scrollHeight }, '*');
new ResizeObserver(post).observe(document.body);
