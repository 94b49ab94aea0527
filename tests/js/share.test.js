/**
 * share.js: a link's moment (the inspector's cursor and the clock) after its
 * code, readable, and a damaged or absent one read as no moment at all.
 */
import { encodeCode, decodeCode, encodeMoment, decodeMoment } from '../../web/page/share.js';

test('a moment round-trips after the code, and reads as words', async () => {
  const code = '#include "async.h"\nint main(void) { return 0; }\n';
  const hash = `#${await encodeCode(code)}&${encodeMoment({ at: 13, clock: 'virtual', t: 0.3 })}`;
  expect(hash).toMatch(/^#code=[\w-]+&clock=virtual&at=13&t=0\.300$/);
  expect(await decodeCode(hash)).toBe(code);
  expect(decodeMoment(hash)).toEqual({ at: 13, clock: 'virtual', t: 0.3 });
  expect(decodeMoment('#code=abc&clock=real&at=0&t=1.25')).toEqual({ at: 0, clock: 'real', t: 1.25 });
});

test('no moment, or a damaged one, is none', () => {
  for (const hash of ['', '#code=abc', '#code=abc&at=', '#code=abc&at=-1', '#code=abc&at=1.5', '#code=abc&at=x&t=1']) {
    expect(decodeMoment(hash)).toBeNull();
  }
  /* an unknown clock is the virtual one; a missing time is 0 */
  expect(decodeMoment('#code=abc&clock=sundial&at=4')).toEqual({ at: 4, clock: 'virtual', t: 0 });
});
