/**
 * http.mjs - the compile service's HTTP vocabulary: errors that carry their
 * status, JSON answers (never cached by the browser, open to every origin),
 * and a bounded body reader.
 */

/** An answer other than 200: status, the message the user sees, extra headers. */
export class HttpError extends Error {
  constructor(status, message, headers = {}) { super(message); this.status = status; this.headers = headers; }
}

/* Demos embedded in other sites compile too: any origin may call the
 * service (no cookies or credentials are involved). */
export const CORS = { 'access-control-allow-origin': '*' };

/** Send body as JSON with status. */
export function json(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...CORS, ...headers });
  res.end(text);
}

/**
 * The request body as text, at most limit bytes; a larger body is drained
 * (up to 256 times the limit) so that the client, still sending, gets its
 * 413 rather than a reset.
 * @returns {Promise<string>} rejects with HttpError 413
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] || 0);
    const chunks = [];
    let size = 0;
    req.on('data', (d) => {
      size += d.length;
      if (size <= limit) chunks.push(d);
      else if (size > 256 * limit) req.destroy();
    });
    req.on('end', () => {
      const total = Math.max(size, declared);
      if (total > limit) reject(new HttpError(413, `the request is ${Math.round(total / 1024)} KB; the limit is ${limit / 1024} KB`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
