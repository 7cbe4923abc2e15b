/**
 * The CLI on a real pseudo-terminal: the system's `script` (pty.ts) gives it a TTY (so it may prompt), and
 * the test types each answer once the n-th prompt has appeared, as a person would.
 */
import { spawn } from 'node:child_process';
import { BIN, cleanEnv } from './cli.js';
import type { LocalCloud } from './local-cloud.js';
import { onPseudoTerminal } from './pty.js';
import { recordOutput } from './secret-scan.js';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface TerminalRun {
  code: number;
  /** Everything the terminal showed (stdout and stderr share it), without carriage returns. */
  screen: string;
  json: any;
}

export function runOnTerminal(cloud: LocalCloud, args: string[], answers: string[], prompt: string, env: Record<string, string | undefined> = {}): Promise<TerminalRun> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const pty = onPseudoTerminal(command);
  const child = spawn(pty.file, pty.args, { env: cleanEnv(cloud.configDir, { ...cloud.env, ...env }), stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let typed = 0;
  const onData = (d: Buffer): void => {
    screen += d.toString('utf8').replace(/\r/g, '');
    const prompts = screen.split(prompt).length - 1;
    if (prompts > typed && typed < answers.length) child.stdin.write(`${answers[typed++]}\n`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const killer = setTimeout(() => child.kill('SIGKILL'), 40000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      child.stdin.destroy();
      // Everything the terminal showed is output too: the secret scan checks it.
      recordOutput(args, screen, '');
      const start = screen.search(/^\{$/m);
      let json: any;
      try {
        json = JSON.parse(screen.slice(start));
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? -1, screen, json });
    });
  });
}
