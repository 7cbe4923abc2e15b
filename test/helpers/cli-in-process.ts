/**
 * The CLI run inside the test process (src/cli.ts run), for unit tests that need a whole command
 * without a node start: the state folder and HOME are `dir`, there is no terminal and no network,
 * and stdout and stderr are collected. `env` adds variables; `overrides` replaces dependencies.
 */
import { run, type CliDependencies } from '../../src/cli.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(dir: string, argv: string[], env: Record<string, string> = {}, overrides: Partial<CliDependencies> = {}): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env: { MYACCOUNT_CONFIG_DIR: dir, HOME: dir, ...env },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: () => Buffer.alloc(0),
    fetch: () => Promise.reject(new Error('no network in these tests')),
    isTTY: false,
    ...overrides,
  });
  return { code, stdout, stderr };
}
