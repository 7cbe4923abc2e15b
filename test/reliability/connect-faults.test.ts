/**
 * connect under faults: ARM answers 20% of requests 503 and 10% 429 (Retry-After 1 s), and the
 * token endpoint answers 429 with a short Retry-After. A service principal and a person (device
 * code) still get exactly the result they get without faults, and the request log shows the
 * faults really happened and were waited out. Device-code polls that meet 429, 503 or a cut
 * connection keep polling instead of ending the sign-in.
 */
import { defaultSeedIds as S, type FaultConfig } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(90_000);

const APP = S.CI_SECRET_APP;
const ARM_FAULTS: FaultConfig = { seed: 7, arm: { rate503: 0.2, rate429: 0.1, retryAfterSeconds: 1 } };
const TOKEN_429: FaultConfig['token'] = { rate429: 1, retryAfterSeconds: 1 };

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;
const isToken = (path: string) => path.endsWith('/token');
/** What connect found, without what differs run to run. */
const found = (json: any) => ({ Tenants: json.Tenants, Subscriptions: json.Subscriptions, Context: json.Context.Subscription?.Id });

/**
 * Turns token-endpoint 429s on once `armed()` says so, and off again after the first one
 * answered: every retry then meets a working endpoint, so the test shows one wait, not luck.
 */
function tokenFaultsOnce(armed: (since: number) => boolean, since: number): { stop: () => void } {
  let phase: 'waiting' | 'on' | 'done' = 'waiting';
  const timer = setInterval(() => {
    if (phase === 'waiting' && armed(since)) {
      cloud.emu.setFaults({ ...ARM_FAULTS, token: TOKEN_429 });
      phase = 'on';
    } else if (phase === 'on' && cloud.emu.requestLog(since).some((e) => isToken(e.path) && e.status === 429)) {
      cloud.emu.setFaults(ARM_FAULTS);
      phase = 'done';
    }
  }, 5);
  return { stop: () => clearInterval(timer) };
}

function summarize(since: number) {
  const log = cloud.emu.requestLog(since);
  return {
    arm503: log.filter((e) => e.status === 503 && !isToken(e.path)).length,
    arm429: log.filter((e) => e.status === 429 && !isToken(e.path)).length,
    token429: log.filter((e) => e.status === 429 && isToken(e.path)).length,
    tokenAfter429: (() => {
      const first = log.findIndex((e) => e.status === 429 && isToken(e.path));
      return first < 0 ? [] : log.slice(first + 1).filter((e) => isToken(e.path));
    })(),
  };
}

test('a service principal gets the exact result through ARM 503/429s and a token 429', async () => {
  const args = ['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret];
  const clean = await cloud.run(args);
  expect(clean.code).toBe(0);

  const since = lastSeq();
  cloud.emu.setFaults(ARM_FAULTS);
  // The cached token would spare the token endpoint; MSAL skips the cache when forced, which
  // sign-in does for a service principal, so the 429 lands on the first request.
  const faults = tokenFaultsOnce(() => true, since);
  const started = Date.now();
  const r = await cloud.run([...args, '--verbose', '--events', 'jsonl']);
  faults.stop();
  cloud.emu.setFaults(undefined);

  expect(r.code).toBe(0);
  expect(found(r.json)).toEqual(found(clean.json));
  const s = summarize(since);
  expect(s.token429).toBe(1);
  // The retry waited out Retry-After (1 s) and then reached the endpoint again.
  expect(s.tokenAfter429.length).toBeGreaterThanOrEqual(1);
  expect(s.tokenAfter429[0].status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  const retries = r.stderr.split('\n').filter((l) => l.includes('"verbose"') && l.includes('retrying'));
  expect(retries.some((l) => l.includes('application') && l.includes('as the server asked'))).toBe(true);
});

test('a person by device code gets the exact result through ARM 503/429s and a token 429 on a tenant token', async () => {
  const clean = await cloud.connectByDeviceCode(S.ALICE.username);
  expect(clean.code).toBe(0);

  const since = lastSeq();
  // ARM faults from the start (the device code flow never calls ARM); token 429s only once
  // the person has signed in, since a failed device code poll ends any sign-in, by MSAL's design.
  cloud.emu.setFaults(ARM_FAULTS);
  const faults = tokenFaultsOnce((from) => cloud.emu.requestLog(from).some((e) => isToken(e.path) && e.grantType?.includes('device_code') && e.status === 200), since);
  const r = await cloud.connectByDeviceCode(S.ALICE.username, ['--verbose']);
  faults.stop();
  cloud.emu.setFaults(undefined);

  expect(r.code).toBe(0);
  expect(found(r.json)).toEqual(found(clean.json));
  expect(r.json.Tenants.map((t: any) => t.Status)).toEqual(['Succeeded', 'Succeeded', 'MfaRequired']);
  const s = summarize(since);
  expect(s.arm503 + s.arm429).toBeGreaterThan(0);
  // At least one: the tenant tokens are asked for side by side (nothing written to disk between
  // them while connect defers cache writes), so more than one may land in the 429 window the
  // 5 ms poller above opens and closes. Each is asked again; the first is checked below.
  expect(s.token429).toBeGreaterThanOrEqual(1);
  // The throttled tenant token was asked for again, after Retry-After, and this time answered
  // (Northwind's answer is its MFA demand, which the result reports as it does without faults).
  const tokens = cloud.emu.requestLog(since).filter((e) => isToken(e.path));
  const throttled = tokens.findIndex((e) => e.status === 429);
  const retry = tokens.slice(throttled + 1).find((e) => e.path === tokens[throttled].path);
  expect(retry).toBeDefined();
  expect(retry!.status).not.toBe(429);
  expect(Date.parse(retry!.time) - Date.parse(tokens[throttled].time)).toBeGreaterThanOrEqual(900);
  const tenant = tokens[throttled].path.split('/')[1];
  expect(r.stderr.split('\n').some((l) => l.includes('"verbose"') && l.includes('retrying') && l.includes(tenant))).toBe(true);
});

test('get-subscription under the same ARM faults: the same list, every time', async () => {
  const args = ['get-subscription'];
  const clean = await cloud.run(args);
  expect(clean.code).toBe(0);
  const since = lastSeq();
  cloud.emu.setFaults({ seed: 11, arm: { rate503: 0.2, rate429: 0.1, retryAfterSeconds: 1 } });
  try {
    for (let i = 0; i < 3; i++) {
      const r = await cloud.run(args);
      expect(r.code).toBe(0);
      expect(r.json).toEqual(clean.json);
    }
  } finally {
    cloud.emu.setFaults(undefined);
  }
  const s = summarize(since);
  expect(s.arm503 + s.arm429).toBeGreaterThan(0);
});

test('device-code polls answered 429, 503 or cut off keep polling, and the sign-in completes', async () => {
  const since = lastSeq();
  // Every token request fails one way or another until the person approves.
  cloud.emu.setFaults({ seed: 11, token: { rate429: 0.4, rate503: 0.3, dropRate: 0.3, retryAfterSeconds: 1 } });
  const cli = cloud.spawnCli(['connect', '--environment', 'LocalCloud', '--use-device-authentication', '--events', 'jsonl', '--skip-context-population']);
  try {
    const code = await cli.event('deviceCode');
    const faultedPolls = () => cloud.emu.requestLog(since).filter((e) => isToken(e.path) && e.fault !== undefined);
    const deadline = Date.now() + 30_000;
    const kinds = () => new Set(faultedPolls().map((e) => e.fault));
    while ((faultedPolls().length < 3 || kinds().size < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(faultedPolls().length).toBeGreaterThanOrEqual(3);
    expect(kinds().size).toBeGreaterThanOrEqual(2);
    cloud.emu.setFaults(undefined);
    cloud.emu.approveDeviceCode(code.userCode, S.BOB.username);
    const r = await cli.done;
    expect(r.code).toBe(0);
    expect(r.json.Flow).toBe('DeviceCode');
    expect(r.json.Context.Account.Id).toBe(S.BOB.username);
  } finally {
    cloud.emu.setFaults(undefined);
    cli.signal('SIGKILL');
  }
});
