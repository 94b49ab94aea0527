/**
 * server.js - a built docs site on loopback, as a docs host would serve it,
 * with the playground's site (build/site, its compile service included)
 * mounted at /playground/: the sites load /playground/embed.js.
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import { serve } from '../../web/server/serve.mjs';
import { ROOT } from '../browser/browser.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.c': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
};

/**
 * @param {string} dir  the built site
 * @returns {Promise<{url: string, close: () => void}>}
 */
export async function serveDocs(dir) {
  const playground = await serve({ port: 0, root: join(ROOT, 'build', 'site') });
  const front = createServer((req, res) => {
    if (req.url.startsWith('/playground/')) {
      req.url = req.url.slice('/playground'.length);
      playground.emit('request', req, res);
      return;
    }
    const path = normalize(decodeURIComponent(req.url.replace(/[?#].*$/s, ''))).replace(/^(\.\.[/\\])+/, '');
    /* Debian's javascript-common serves its libraries there, and Debian's furo.css imports normalize.css from it */
    let file = path.startsWith('/javascript/') ? join('/usr/share', path) : join(dir, path);
    let st;
    try { st = statSync(file); } catch { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    if (st.isDirectory()) {
      if (!path.endsWith('/')) { res.writeHead(301, { location: `${path}/` }).end(); return; }
      file = join(file, 'index.html');
      try { st = statSync(file); } catch { res.writeHead(404).end('not found'); return; }
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'content-length': st.size });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${front.address().port}/`,
    close() { front.close(); playground.close(); },
  };
}
