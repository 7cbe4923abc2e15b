/**
 * The CLI's stdout on POSIX (src/core/stdio.ts): every byte written with writeSync, a full
 * non-blocking pipe waited out, a reader that left not an error.
 */
import { writeAllSync } from '../../src/core/stdio.js';

type Write = (fd: number, buffer: Buffer, offset: number, length: number) => number;

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

test('partial writes go on where they stopped, and a full pipe (EAGAIN) is waited out', () => {
  const got: string[] = [];
  const answers: (number | string)[] = [3, 'EAGAIN', 'EAGAIN', 100];
  const write: Write = (fd, buffer, offset, length) => {
    expect(fd).toBe(1);
    const next = answers.shift()!;
    if (typeof next === 'string') throw errno(next);
    const n = Math.min(next, length);
    got.push(buffer.subarray(offset, offset + n).toString());
    return n;
  };
  writeAllSync(1, Buffer.from('héllo wörld'), write as never);
  expect(got.join('')).toBe('héllo wörld');
  expect(answers).toEqual([]);
});

test('a reader that went away (EPIPE) gets nothing more and nothing is thrown; other errors are', () => {
  let calls = 0;
  writeAllSync(1, Buffer.from('x'.repeat(10)), (() => (++calls, (() => { throw errno('EPIPE'); })())) as never);
  expect(calls).toBe(1);
  expect(() => writeAllSync(1, Buffer.from('x'), (() => { throw errno('EIO'); }) as never)).toThrow('EIO');
});
