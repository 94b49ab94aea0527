/**
 * Output lines: split per task, partial lines kept, capped with a notice.
 */
import { createOutput, addOutput, flushPartial, takePending } from '../../web/views/output-model.js';

const ev = (task, text, time = 0, stream = 1) => ({ task, text, time, stream });

test('text is split into lines that keep their task and time', () => {
  const out = createOutput();
  addOutput(out, ev(2, 'A: start\nB', 0.1));
  addOutput(out, ev(3, 'x\n', 0.2));
  addOutput(out, ev(2, ': more\n', 0.3));
  expect(takePending(out)).toEqual([
    { kind: 'out', task: 2, time: 0.1, text: 'A: start' },
    { kind: 'out', task: 3, time: 0.2, text: 'x' },
    { kind: 'out', task: 2, time: 0.1, text: 'B: more' },
  ]);
});

test('stderr lines are marked and partial lines flush at the end', () => {
  const out = createOutput();
  addOutput(out, ev(1, 'oops\n', 0, 2));
  addOutput(out, ev(1, 'no newline', 1));
  flushPartial(out);
  expect(takePending(out).map((l) => [l.kind, l.text])).toEqual([['err', 'oops'], ['out', 'no newline']]);
});

test('a flood is capped by lines, with a visible notice', () => {
  const out = createOutput({ maxLines: 100 });
  let ok = true;
  for (let i = 0; i < 1000 && ok; i++) ok = addOutput(out, ev(1, 'x\n'));
  expect(ok).toBe(false);
  const lines = takePending(out, 10000);
  expect(lines).toHaveLength(101);
  expect(lines[100]).toMatchObject({ kind: 'truncated' });
  expect(lines[100].text).toMatch(/^output truncated after 100 lines/);
  expect(addOutput(out, ev(1, 'more\n'))).toBe(false);
  expect(takePending(out)).toEqual([]);
});

test('a flood is capped by bytes, even without newlines', () => {
  const out = createOutput({ maxBytes: 1000 });
  let ok = true;
  for (let i = 0; i < 100 && ok; i++) ok = addOutput(out, ev(1, 'y'.repeat(100) + '\n'));
  expect(ok).toBe(false);
  expect(out.bytes).toBeLessThanOrEqual(1000);
  const huge = createOutput({ maxBytes: 1000 });
  expect(addOutput(huge, ev(1, 'z'.repeat(5000)))).toBe(false);
});

test('pending lines are taken in frame-sized batches', () => {
  const out = createOutput();
  for (let i = 0; i < 1200; i++) addOutput(out, ev(1, `${i}\n`));
  expect(takePending(out, 500)).toHaveLength(500);
  expect(takePending(out, 500)[0].text).toBe('500');
  expect(takePending(out, 500)).toHaveLength(200);
});
