/**
 * The CLI's own stdout and stderr. On POSIX, stdout is written with writeSync on fd 1:
 * process.stdout is a stream built on first use (with tty, net or stream behind it, 2-3 ms of a
 * cold start), and its pipe writes may finish after write() returns, so the CLI had to wait for
 * them before it exits. On Windows the stream stays: the console needs it for Unicode text.
 * stderr is always process.stderr, made only when something is written to it (most commands
 * write nothing there), and whenFlushed() waits for what was.
 */
import { writeSync } from 'node:fs';

let stdoutUsed = false;
let stderrUsed = false;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** process.stderr, noted as used so that whenFlushed() waits for it. */
export function stderrStream(): NodeJS.WriteStream {
  stderrUsed = true;
  return process.stderr;
}

export function writeStderr(text: string): void {
  stderrStream().write(text);
}

export function writeStdout(text: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') {
    stdoutUsed = true;
    process.stdout.write(text);
    return;
  }
  writeAllSync(1, Buffer.from(text, 'utf8'));
}

/** Writes every byte, waiting out EAGAIN (a non-blocking pipe that is full). A reader that left (EPIPE) gets nothing more. */
export function writeAllSync(fd: number, bytes: Buffer, write: typeof writeSync = writeSync): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += write(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === 'EPIPE') return;
      throw error;
    }
  }
}

/** Resolves once everything written through this module has left the process. */
export async function whenFlushed(): Promise<void> {
  // An empty write calls back once the writes queued before it are done.
  const flush = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));
  if (stdoutUsed) await flush(process.stdout);
  if (stderrUsed) await flush(process.stderr);
}
