/**
 * The subscription picker (LoginExperienceV2) on a real pseudo-terminal: util-linux `script` gives
 * the CLI a TTY, and the test types answers as a person would, each after its prompt shows. The
 * picker never runs without a TTY, in CI, with --no-prompt or with LoginExperienceV2 Off; the
 * JSON result lists every subscription either way.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runOnTerminal } from '../helpers/terminal.js';

const ALICE = ['connect', '--environment', 'LocalCloud', '--username', S.ALICE.username, '--password', S.ALICE.password];
const PROMPT = 'Select a subscription by its number';

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  await cloud?.dispose();
});

const onTerminal = (args: string[], answers: string[], env: Record<string, string | undefined> = {}) => runOnTerminal(cloud, args, answers, PROMPT, env);

/** The subscription id in row n of the picker table on screen. */
function row(screen: string, n: number): { id: string; marked: boolean } {
  const m = new RegExp(`^([ *])\\[${n}\\]\\s+.*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, 'm').exec(screen);
  if (!m) throw new Error(`no row ${n} on screen:\n${screen}`);
  return { id: m[2], marked: m[1] === '*' };
}

const forgetProfile = (): void => rmSync(join(cloud.configDir, 'profile.json'), { force: true });

test('the table shows on the terminal; "2" selects the second row', async () => {
  forgetProfile();
  const r = await onTerminal(ALICE, ['2']);
  expect(r.code).toBe(0);
  expect(r.screen).toContain('[Tenant and subscription selection]');
  expect(r.screen.split(PROMPT)).toHaveLength(2);
  expect(r.json.Context.Subscription.Id).toBe(row(r.screen, 2).id);
  expect(r.json.Subscriptions).toHaveLength(7);
});

test('Enter selects the row marked * (the current default)', async () => {
  // The previous test left its choice as the stored default; the picker marks it.
  const previous = JSON.parse(readFileSync(join(cloud.configDir, 'profile.json'), 'utf8'));
  const r = await onTerminal(ALICE, ['']);
  expect(r.code).toBe(0);
  const marked = [1, 2, 3, 4, 5, 6, 7].map((n) => row(r.screen, n)).filter((x) => x.marked);
  expect(marked).toHaveLength(1);
  expect(r.json.Context.Subscription.Id).toBe(marked[0].id);
  expect(previous.contexts.find((c: any) => c.name === previous.defaultContext).subscription.id).toBe(marked[0].id);
});

test('Enter with nothing marked selects the first row', async () => {
  forgetProfile();
  const r = await onTerminal(ALICE, ['']);
  expect(r.code).toBe(0);
  expect(r.json.Context.Subscription.Id).toBe(row(r.screen, 1).id);
});

test('invalid answers are explained and asked again', async () => {
  const r = await onTerminal(ALICE, ['abc', '99', '3']);
  expect(r.code).toBe(0);
  expect(r.screen).toMatch(/"abc" is not a number/);
  expect(r.screen).toMatch(/99 is not in the list. Type a number from 1 to 7/);
  expect(r.screen.split(PROMPT)).toHaveLength(4);
  expect(r.json.Context.Subscription.Id).toBe(row(r.screen, 3).id);
});

describe('no picker', () => {
  const expectNoPicker = (r: { code: number; json: any }, screen: string): void => {
    expect(r.code).toBe(0);
    expect(screen).not.toContain('[Tenant and subscription selection]');
    expect(screen).not.toContain(PROMPT);
    expect(r.json.Subscriptions).toHaveLength(7);
    // Az's rule instead: the first active subscription in its home tenant.
    expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.production);
  };

  test('without a TTY', async () => {
    const r = await cloud.run(ALICE);
    expectNoPicker(r, r.stderr + r.stdout);
  });

  test('with --no-prompt on a terminal', async () => {
    const r = await onTerminal([...ALICE, '--no-prompt'], []);
    expectNoPicker(r, r.screen);
  });

  test('with CI=true on a terminal', async () => {
    const r = await onTerminal(ALICE, [], { CI: 'true' });
    expectNoPicker(r, r.screen);
  });

  test('with LoginExperienceV2 Off on a terminal', async () => {
    const r = await onTerminal(ALICE, [], { MYACCOUNT_LOGIN_EXPERIENCE_V2: 'Off' });
    expectNoPicker(r, r.screen);
  });

  test('with --subscription on a terminal', async () => {
    const r = await onTerminal([...ALICE, '--subscription', 'Fabrikam Shared'], []);
    expect(r.code).toBe(0);
    expect(r.screen).not.toContain(PROMPT);
    expect(r.json.Context.Subscription.Id).toBe(S.SUBSCRIPTIONS.fabrikamShared);
  });
});
