/**
 * Bad input: thousands of generated inputs, each invalid by construction (see fuzz-cases.ts),
 * across every command and every way input arrives (flags, --input-json inline, from a file,
 * from stdin). Each must give one JSON error document on stdout and exit 2, with no stack trace
 * or error dump anywhere, and leave the state folder byte-for-byte as it was.
 *
 * Most cases run inside one driver process against the production bundle (dist/cli.js); a few
 * hundred run as real, separate CLI processes. MYACCOUNT_TEST_SEED=<n> replays another seed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../src/commands/index.js';
import { REPO, runCli, tempConfigDir } from '../helpers/cli.js';
import { seedSignedIn } from '../helpers/seed.js';
import { generateCases } from './fuzz-cases.js';
import { rng, seedFromEnv } from './prng.js';

const TOTAL = 5000;
const SPAWNED = 300;
const SEED = seedFromEnv(7_2024);

describe('bad input', () => {
  jest.setTimeout(240_000);

  test(`${TOTAL} generated bad inputs: exit 2, one JSON error, no stack trace, state unchanged`, async () => {
    const { dir, cleanup } = tempConfigDir();
    const work = join(dir, '..', 'fuzz');
    mkdirSync(work, { recursive: true });
    try {
      // A lived-in state folder: a signed-in profile, a user-defined environment, saved settings.
      await seedSignedIn(dir);
      for (const args of [
        ['add-environment', 'Fuzz1', '--active-directory-authority', 'https://login.fuzz.test/', '--resource-manager-url', 'https://management.fuzz.test/', '--active-directory-service-endpoint-resource-id', 'https://management.fuzz.test/'],
        ['update-config', '--default-subscription-for-login', 'Fuzz Subscription', '--enable-login-by-wam', 'true'],
        ['set-context', '--subscription', 'Development', '--name', 'x'],
      ]) expect((await runCli(dir, args)).code).toBe(0);

      const generationStart = Date.now();
      const random = rng(SEED);
      const { cases, filtered } = generateCases(TOTAL, random);
      const generationMs = Date.now() - generationStart;
      // Files for the --input-json <file> cases; every case but NUL-bearing ones may be spawned.
      for (const c of cases) {
        if (c.fileB64 === undefined) continue;
        const path = join(work, `input-${c.id}.json`);
        writeFileSync(path, Buffer.from(c.fileB64, 'base64'));
        c.argv = c.argv.map((a) => (a === '@FILE@' ? path : a));
        delete c.fileB64;
      }
      const spawnable = cases.filter((c) => !c.inProcessOnly);
      const pick = rng(SEED + 1);
      const spawned = new Set<number>();
      while (spawned.size < SPAWNED) spawned.add(pick.pick(spawnable).id);
      const casesFile = join(work, 'cases.json');
      const reportFile = join(work, 'report.json');
      writeFileSync(casesFile, JSON.stringify({ stateDir: dir, concurrency: 4, cases: cases.map((c) => ({ ...c, spawn: spawned.has(c.id) })) }));

      const driver = spawnSync(process.execPath, [join(__dirname, 'fuzz-driver.mjs'), casesFile, reportFile], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(driver.stderr).toBe('');
      expect(driver.status).toBe(0);
      const report = JSON.parse(readFileSync(reportFile, 'utf8'));

      const count = (key: (c: (typeof cases)[number]) => string): Record<string, number> =>
        cases.reduce<Record<string, number>>((acc, c) => ((acc[key(c)] = (acc[key(c)] ?? 0) + 1), acc), {});
      console.log(
        `bad input (seed ${SEED}): ${report.total} cases, ${report.inProcess} in the driver process in ${report.inProcessMs} ms, ` +
          `${report.spawned} as separate processes in ${report.spawnedMs} ms; generated in ${generationMs} ms; ` +
          `${filtered.length} valid-by-accident inputs filtered out${filtered.length ? ` (${[...new Set(filtered.map((f) => `${f.command}/${f.kind}`))].join(', ')})` : ''}\n` +
          `by command: ${JSON.stringify(count((c) => c.command))}\nby way in: ${JSON.stringify(count((c) => c.via))}\nby defect: ${JSON.stringify(count((c) => c.kind))}\n` +
          `error codes: ${JSON.stringify(report.errorCodes)}\nfailures: ${report.failures.length}`,
      );
      expect(report.failures.slice(0, 10)).toEqual([]);
      expect(report.total).toBe(cases.length);
      expect(cases.length).toBeGreaterThanOrEqual(2000);
      expect(report.spawned).toBe(SPAWNED);
      // Every command and every way in is covered.
      for (const def of commands) expect(cases.some((c) => c.command === def.name)).toBe(true);
      for (const via of ['inline', 'stdin', 'file', 'flags']) expect(cases.filter((c) => c.via === via).length).toBeGreaterThan(100);
    } finally {
      cleanup();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
