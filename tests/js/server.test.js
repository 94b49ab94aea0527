/**
 * serve.mjs against requests a browser or an attacker can send: nothing a
 * client sends stops the server, malformed targets get 400, and the pages
 * carry their security headers. Raw sockets, so targets go out unchanged.
 */
import { connect } from 'node:net';
import { join } from 'node:path';
import { serve } from '../../web/server/serve.mjs';
import { ROOT } from './helpers.js';

/** Send raw bytes; resolve with everything the server answered before closing. */
function raw(port, bytes) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => { text += d.toString('latin1'); });
    socket.on('error', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.setTimeout(5000, () => socket.destroy());
    socket.write(bytes); // not end(): a half-closed client may lose a streamed answer
  });
}
const get = (port, target) => raw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
const statusOf = (answer) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

const MALFORMED = ['/%', '/%E0%A4%A', '/%zz', '//', '///', 'http://[/', 'http://[::1', '*', '/a%00b', 'x', '/api/%', '/api/program/%'];

describe.each([['with the compile service', true], ['as a static host', false]])('the server %s', (_, compile) => {
  let server;
  let port;
  beforeAll(async () => {
    server = await serve({ port: 0, root: join(ROOT, 'build', 'site'), compile });
    port = server.address().port;
  });
  afterAll(() => server?.close());

  test.each(MALFORMED)('GET %s is answered, and the server goes on', async (target) => {
    const answer = await get(port, target);
    const status = statusOf(answer);
    // "//" and "///" are the root with extra slashes; the rest are malformed.
    if (/^\/+$/.test(target)) expect(status).toBe(200);
    else expect(status).toBe(400);
    expect(statusOf(await get(port, '/index.html'))).toBe(200);
  });

  test('a directory with a CR LF in its name redirects without splitting the header', async () => {
    const answer = await get(port, '/examples%0d%0aSet-Cookie:%20x=1');
    expect(answer).not.toMatch(/\r\nSet-Cookie:/i);
    expect(statusOf(await get(port, '/index.html'))).toBe(200);
  });

  test('oversized headers get 431, garbage gets 400', async () => {
    expect(statusOf(await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`))).toBe(431);
    expect(statusOf(await raw(port, 'NOT HTTP AT ALL\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw(port, 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'))).toBe(400);
    expect(statusOf(await get(port, '/index.html'))).toBe(200);
  });

  test('a page loads images of the server with every malformed path, and the server answers after', async () => {
    const answers = await Promise.all(MALFORMED.flatMap((t) => [get(port, t), get(port, `${t}?q=%`)]));
    expect(answers.every((a) => statusOf(a) >= 200)).toBe(true);
    expect(statusOf(await get(port, '/'))).toBe(200);
  });

  test('pages carry nosniff, a CSP and a framing policy; embed.html stays frameable', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/index.html`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('content-security-policy')).toMatch(/object-src 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const embed = await fetch(`http://127.0.0.1:${port}/embed.html`);
    expect(embed.headers.get('content-security-policy')).toMatch(/object-src 'none'/);
    expect(embed.headers.get('content-security-policy')).not.toMatch(/frame-ancestors/);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const script = await fetch(`http://127.0.0.1:${port}/embed.js`);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
  });
});
