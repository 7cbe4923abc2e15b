/**
 * Killed writers: the real CLI, writing, is killed with SIGKILL at a random moment of its life,
 * 200 times. After every kill the state files must parse and must equal a committed version:
 * the one before the write, or exactly the one the write produces. Nothing half-written, no
 * corrupt file set aside, and the CLI keeps working (stale locks are taken over, leftover
 * write-file-atomic temp files are never read as state).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv, REPO, runCli, tempConfigDir } from '../helpers/cli.js';
import { SUB_PROD, seedSignedIn } from '../helpers/seed.js';
import { rng, seedFromEnv } from './prng.js';

const ITERATIONS = 200;
const SEED = seedFromEnv(20240601);
const ENDPOINTS = ['--active-directory-authority', 'https://login.killed.test/', '--resource-manager-url', 'https://management.killed.test/', '--active-directory-service-endpoint-resource-id', 'https://management.killed.test/'];

type Op = 'add-environment' | 'set-context' | 'update-config';

function spawnCli(dir: string, args: string[], killAfterMs: number | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(dir), cwd: REPO, stdio: ['ignore', 'ignore', 'ignore'] });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('killed writers', () => {
  jest.setTimeout(300_000);

  test(`a writer SIGKILLed at a random moment, ${ITERATIONS} times, leaves a committed version`, async () => {
    const { dir, cleanup } = tempConfigDir();
    const profilePath = join(dir, 'profile.json');
    const settingsPath = join(dir, 'settings.json');
    const lockPath = `${profilePath}.lock`;
    const settingsLockPath = `${settingsPath}.lock`;
    const began = Date.now();
    try {
      await seedSignedIn(dir);
      // Calibration: how long a whole write lives, and the exact records the writes produce.
      const lifetimes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const a = await spawnCli(dir, ['add-environment', `Calib${i}`, ...ENDPOINTS], null);
        const b = await spawnCli(dir, ['set-context', '--subscription', SUB_PROD, '--name', `calib-${i}`], null);
        const c = await spawnCli(dir, ['update-config', '--default-subscription-for-login', `calib-${i}`], null);
        expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
        lifetimes.push(a.ms, b.ms, c.ms);
      }
      const calibrated = JSON.parse(readFileSync(profilePath, 'utf8'));
      const envTemplate = calibrated.environments.find((e: any) => e.Name === 'Calib0');
      const ctxTemplate = calibrated.contexts.find((c: any) => c.name === 'calib-0');
      // The life of a write, tracked as the run goes (load on the box changes it), so the kills
      // stay spread over it: the median of the last writes that finished.
      let lifetime = median(lifetimes);
      let maxDelay = Math.max(200, Math.round(lifetime * 1.2));
      const recent = [...lifetimes];

      const random = rng(SEED);
      let profileText = readFileSync(profilePath, 'utf8');
      let settingsText = readFileSync(settingsPath, 'utf8');
      const aged = new Set<number>(); // mtimes the test gave to stale locks, so each is counted once
      const tally = { killed: 0, completedBeforeKill: 0, committed: 0, unchanged: 0, staleLocks: 0, realStaleWaitMs: 0 };
      for (let i = 0; i < ITERATIONS; i++) {
        const op: Op = random.pick(['add-environment', 'add-environment', 'set-context', 'update-config'] as const);
        // Half the kills anywhere in the process's life, half in its second half, where it
        // locks, writes the temp file, fsyncs and renames.
        const delay = random.chance(0.5) ? random.int(0, maxDelay) : random.int(Math.round(lifetime / 2), maxDelay);
        const args =
          op === 'add-environment' ? ['add-environment', `Killed${i}`, ...ENDPOINTS]
          : op === 'set-context' ? ['set-context', '--subscription', SUB_PROD, '--name', `killed-${i}`]
          : ['update-config', '--default-subscription-for-login', `killed-${i}`];
        const outcome = await spawnCli(dir, args, delay);
        if (outcome.signal === 'SIGKILL') tally.killed++;
        else {
          expect({ i, op, code: outcome.code }).toEqual({ i, op, code: 0 });
          tally.completedBeforeKill++;
          recent.push(outcome.ms);
          lifetime = median(recent.slice(-9));
          maxDelay = Math.max(200, Math.round(lifetime * 1.2));
        }

        // The legal states: exactly what was there before, or exactly the write's result.
        const before = { profile: JSON.parse(profileText), settings: JSON.parse(settingsText) };
        const after = { profile: JSON.parse(readFileSync(profilePath, 'utf8')), settings: JSON.parse(readFileSync(settingsPath, 'utf8')) };
        const committed = structuredClone(before);
        if (op === 'add-environment') committed.profile.environments.push({ ...envTemplate, Name: `Killed${i}` });
        if (op === 'set-context') {
          committed.profile.contexts.push({ ...ctxTemplate, name: `killed-${i}` });
          committed.profile.defaultContext = `killed-${i}`;
        }
        if (op === 'update-config') committed.settings.settings.DefaultSubscriptionForLogin = `killed-${i}`;
        const nowProfile = readFileSync(profilePath, 'utf8');
        const nowSettings = readFileSync(settingsPath, 'utf8');
        if (nowProfile === profileText && nowSettings === settingsText) {
          // A writer that finished must have changed something.
          expect({ i, op, unchangedAfterSuccess: outcome.signal !== 'SIGKILL' }).toEqual({ i, op, unchangedAfterSuccess: false });
          tally.unchanged++;
        } else {
          expect({ i, op, state: after }).toEqual({ i, op, state: committed });
          tally.committed++;
        }
        profileText = nowProfile;
        settingsText = nowSettings;

        // A writer killed while holding the lock leaves it behind; proper-lockfile treats it as
        // stale after 5 s. The first time, the next writer really waits that out (checked below);
        // after that the lock is aged by 10 s instead of the test sleeping 5 s each time.
        for (const lock of [lockPath, settingsLockPath]) {
          if (!existsSync(lock) || aged.has(statSync(lock).mtimeMs)) continue;
          tally.staleLocks++;
          if (tally.realStaleWaitMs === 0) {
            const waited = await spawnCli(dir, ['get-environment', 'Calib0'], null); // a reader never waits
            expect(waited.code).toBe(0);
            const writer = lock === lockPath ? ['add-environment', `AfterStale${i}`, ...ENDPOINTS] : ['update-config', '--default-subscription-for-login', `after-stale-${i}`];
            const taken = await spawnCli(dir, writer, null);
            expect(taken.code).toBe(0);
            tally.realStaleWaitMs = Math.round(taken.ms);
            profileText = readFileSync(profilePath, 'utf8');
            settingsText = readFileSync(settingsPath, 'utf8');
          } else if (existsSync(lock)) {
            const past = new Date(Date.now() - 10_000);
            utimesSync(lock, past, past);
            aged.add(statSync(lock).mtimeMs);
          }
        }
      }

      // Afterwards: the CLI reads the final state, and the folder holds only state, locks and temp files.
      const final = await runCli(dir, ['get-environment']);
      expect(final.code).toBe(0);
      const expectedNames = JSON.parse(profileText).environments.map((e: any) => e.Name);
      expect(final.json.filter((e: any) => e.Type === 'User-defined').map((e: any) => e.Name)).toEqual(expectedNames);
      const contexts = await runCli(dir, ['get-context', '--list-available']);
      expect(contexts.code).toBe(0);
      const write = await runCli(dir, ['add-environment', 'Final', ...ENDPOINTS]);
      expect(write.code).toBe(0);
      const files = readdirSync(dir);
      const temp = files.filter((f) => /^(profile|settings)\.json\.\d+$/.test(f));
      const other = files.filter((f) => !temp.includes(f) && !['profile.json', 'settings.json', 'profile.json.lock', 'settings.json.lock'].includes(f));
      expect(other).toEqual([]); // in particular no *.corrupt-* file: no torn write was ever seen
      const totalS = ((Date.now() - began) / 1000).toFixed(1);
      console.log(
        `killed writers (seed ${SEED}): ${ITERATIONS} runs, killed ${tally.killed}, finished before the kill ${tally.completedBeforeKill}; ` +
          `state after: committed ${tally.committed}, unchanged ${tally.unchanged}; kill delay 0-${maxDelay} ms at the end (median write ${Math.round(lifetime)} ms); ` +
          `stale locks left ${tally.staleLocks} (first one taken over by the next writer after ${tally.realStaleWaitMs} ms); ` +
          `leftover temp files ${temp.length}${temp.length ? ` (${temp.slice(0, 5).join(', ')}${temp.length > 5 ? ', …' : ''})` : ''}; total ${totalS} s`,
      );
      if (tally.realStaleWaitMs > 0) expect(tally.realStaleWaitMs).toBeGreaterThan(3000);
      // The test's own power: most writers really are killed, and some kills land after the commit.
      expect(tally.killed).toBeGreaterThan(ITERATIONS / 3);
      expect(tally.committed).toBeGreaterThan(0);
    } finally {
      cleanup();
    }
  });
});
