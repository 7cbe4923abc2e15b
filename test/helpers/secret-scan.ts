/**
 * The secret scan: every secret the local cloud issued or received (tokens, refresh tokens,
 * codes, client secrets, passwords, assertions) and every stdout/stderr the CLI produced, kept
 * per test file and checked with `expectNoSecretLeaked` (each suite calls it in afterAll). A
 * secret may appear only in the stdout of get-access-token, which exists to hand one out.
 */
const secrets = new Set<string>();
const outputs: { args: string[]; stdout: string; stderr: string }[] = [];

export function recordSecret(value: string): void {
  secrets.add(value);
}

/** Every secret recorded so far, for tests that scan files as well as output. */
export function recordedSecrets(): string[] {
  return [...secrets];
}

export function recordOutput(args: string[], stdout: string, stderr: string): void {
  outputs.push({ args, stdout, stderr });
}

export interface Leak {
  command: string;
  stream: 'stdout' | 'stderr';
  secretPrefix: string;
}

export function findLeaks(): Leak[] {
  const leaks: Leak[] = [];
  for (const o of outputs) {
    const handsOutTokens = o.args[0] === 'get-access-token' || (o.args[0] === 'account' && o.args[1] === 'get-access-token');
    for (const secret of secrets) {
      if (o.stderr.includes(secret)) leaks.push({ command: o.args.join(' '), stream: 'stderr', secretPrefix: secret.slice(0, 6) });
      if (o.stdout.includes(secret) && !handsOutTokens) leaks.push({ command: o.args.join(' '), stream: 'stdout', secretPrefix: secret.slice(0, 6) });
    }
  }
  return leaks;
}

export function scanStats(): { secrets: number; outputs: number } {
  return { secrets: secrets.size, outputs: outputs.length };
}

/** Call in afterAll of every suite that runs the CLI against the local cloud. */
export function expectNoSecretLeaked(): void {
  const leaks = findLeaks();
  if (leaks.length > 0) throw new Error(`Secrets leaked into CLI output:\n${leaks.map((l) => `  ${l.stream} of "myaccount ${l.command}" (secret starting ${l.secretPrefix}…)`).join('\n')}`);
}

/**
 * Adds this suite's figures to the run's summary file (set up by test/helpers/scan-summary.cjs),
 * so the whole run ends with one line: how many secrets were checked against how many outputs.
 */
export function reportScan(suite: string): void {
  const file = process.env.MYACCOUNT_SECRET_SCAN_SUMMARY;
  if (!file) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { appendFileSync } = require('node:fs') as typeof import('node:fs');
  appendFileSync(file, JSON.stringify({ suite, secrets: secrets.size, outputs: outputs.length, leaks: findLeaks().length }) + '\n');
}
