/**
 * Parallel writers: 32 real CLI processes are loaded, wait at a barrier (a start file), and are
 * released together, each making one distinct change to the same state folder. Every change must
 * survive (no lost update) and the files must parse.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, REPO, tempConfigDir } from '../helpers/cli.js';
import { SUB_B, SUB_DEV, SUB_DISABLED, SUB_PROD, seedSignedIn } from '../helpers/seed.js';

const N = 32;
const RUNNER = join(__dirname, 'barrier-run.mjs');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Starts every command, waits until all have loaded the CLI, then releases them at once. */
async function releaseTogether(configDir: string, commands: string[][], startFile: string): Promise<{ outcomes: Outcome[]; spreadMs: number }> {
  let ready = 0;
  let allReady!: () => void;
  const readyPromise = new Promise<void>((r) => (allReady = r));
  const finished = commands.map(
    (args) =>
      new Promise<Outcome & { end: number }>((resolve, reject) => {
        const child = spawn(process.execPath, [RUNNER, startFile, ...args], { env: cleanEnv(configDir), cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let sawReady = false;
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => {
          stderr += d;
          if (!sawReady && stderr.startsWith('ready\n')) {
            sawReady = true;
            if (++ready === commands.length) allReady();
          }
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr: stderr.replace(/^ready\n/, ''), end: Date.now() }));
      }),
  );
  await readyPromise;
  const start = Date.now();
  writeFileSync(startFile, 'go');
  const outcomes = await Promise.all(finished);
  return { outcomes, spreadMs: Math.max(...outcomes.map((o) => o.end)) - start };
}

function expectAllOk(outcomes: Outcome[]): void {
  const failed = outcomes.map((o, i) => ({ i, ...o })).filter((o) => o.code !== 0);
  expect(failed).toEqual([]);
}

function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('parallel writers', () => {
  jest.setTimeout(120_000);

  test(`${N} processes each add a distinct context at the same moment`, async () => {
    const { dir, cleanup } = tempConfigDir();
    try {
      await seedSignedIn(dir);
      const subs = [SUB_PROD, SUB_DEV, SUB_B, SUB_DISABLED];
      const commands = Array.from({ length: N }, (_, i) => ['set-context', '--subscription', subs[i % subs.length], '--name', `ctx-${i}`]);
      const { outcomes, spreadMs } = await releaseTogether(dir, commands, join(dir, '..', 'go-contexts'));
      expectAllOk(outcomes);
      outcomes.forEach((o, i) => expect(JSON.parse(o.stdout).Name).toBe(`ctx-${i}`));
      const profile = JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8'));
      const names: string[] = profile.contexts.map((c: { name: string }) => c.name);
      for (let i = 0; i < N; i++) expect(names).toContain(`ctx-${i}`);
      // The seeded context plus the 32 new ones, nothing duplicated or lost.
      expect(names).toHaveLength(N + 1);
      expect(new Set(names).size).toBe(N + 1);
      // The default is whichever writer came last, and it is one of them.
      expect(names).toContain(profile.defaultContext);
      expect(listing(dir).filter((f) => f !== 'profile.json')).toEqual([]);
      console.log(`parallel set-context: ${N} writers finished ${spreadMs} ms after release`);
    } finally {
      cleanup();
    }
  });

  test(`${N} processes each add a distinct environment at the same moment`, async () => {
    const { dir, cleanup } = tempConfigDir();
    try {
      const commands = Array.from({ length: N }, (_, i) => [
        'add-environment',
        '--name', `Env${i}`,
        '--active-directory-authority', `https://login.example${i}.test/`,
        '--resource-manager-url', `https://management.example${i}.test/`,
        '--active-directory-service-endpoint-resource-id', `https://management.example${i}.test/`,
      ]);
      const { outcomes, spreadMs } = await releaseTogether(dir, commands, join(dir, '..', 'go-environments'));
      expectAllOk(outcomes);
      const profile = JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8'));
      const byName = new Map<string, any>(profile.environments.map((e: any) => [e.Name, e]));
      expect(byName.size).toBe(N);
      for (let i = 0; i < N; i++) {
        expect(byName.get(`Env${i}`)).toMatchObject({ ResourceManagerUrl: expect.stringContaining(`management.example${i}.test`) });
      }
      expect(listing(dir)).toEqual(['profile.json']);
      console.log(`parallel add-environment: ${N} writers finished ${spreadMs} ms after release`);
    } finally {
      cleanup();
    }
  });

  test(`${N} processes update different settings, interleaved with ${N} environment writers`, async () => {
    const { dir, cleanup } = tempConfigDir();
    try {
      // Each settings writer sets one key; several writers share a key, so the final value of a
      // key must be one some writer of that key wrote, and no key may be lost.
      const values = (i: number): [string, string] => {
        switch (i % 4) {
          case 0: return ['--default-subscription-for-login', `sub-${i}`];
          case 1: return ['--enable-login-by-wam', i % 8 === 1 ? 'true' : 'false'];
          case 2: return ['--login-experience-v2', i % 8 === 2 ? 'On' : 'Off'];
          default: return ['--disable-instance-discovery', i % 8 === 3 ? 'true' : 'false'];
        }
      };
      const configCommands = Array.from({ length: N }, (_, i) => ['update-config', ...values(i)]);
      const envCommands = Array.from({ length: N }, (_, i) => ['add-environment', `Mixed${i}`, '--active-directory-authority', 'https://login.mixed.test/', '--resource-manager-url', 'https://management.mixed.test/', '--active-directory-service-endpoint-resource-id', 'https://management.mixed.test/']);
      const interleaved = configCommands.flatMap((c, i) => [c, envCommands[i]]);
      const { outcomes, spreadMs } = await releaseTogether(dir, interleaved, join(dir, '..', 'go-mixed'));
      expectAllOk(outcomes);
      const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings;
      const written = new Map<string, Set<unknown>>();
      configCommands.forEach((args, i) => {
        const result = JSON.parse(outcomes[2 * i].stdout)[0];
        if (!written.has(result.Key)) written.set(result.Key, new Set());
        written.get(result.Key)!.add(result.Value);
      });
      expect(Object.keys(settings).sort()).toEqual([...written.keys()].sort());
      for (const [key, set] of written) expect(set.has(settings[key])).toBe(true);
      const profile = JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8'));
      expect(profile.environments.map((e: any) => e.Name).sort()).toEqual(envCommands.map((c) => c[1]).sort());
      expect(listing(dir)).toEqual(['profile.json', 'settings.json']);
      console.log(`parallel mixed: ${2 * N} writers finished ${spreadMs} ms after release`);
    } finally {
      cleanup();
    }
  });
});
