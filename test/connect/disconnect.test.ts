/**
 * disconnect against the local cloud: the account of the default context, one of several
 * accounts by --username (a person and a service principal), and --all. Afterwards the account
 * has no context, its tokens are gone from the shared cache (read in plaintext mode, the
 * test's only window into it), and every other account still gets tokens without a request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

jest.setTimeout(60_000);

const APP = S.CI_SECRET_APP;
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ settings: { deviceCodeIntervalSeconds: 1 } });
});
afterAll(async () => {
  await cloud?.dispose();
});

type Entry = { home_account_id?: string; client_id?: string; credential_type?: string };
const cache = (): Record<string, Record<string, Entry>> => JSON.parse(readFileSync(join(cloud.configDir, PLAINTEXT_CACHE_FILE), 'utf8'));
const entriesOf = (homeAccountId: string) =>
  Object.values(cache())
    .flatMap((section) => Object.entries(section ?? {}))
    .filter(([, e]) => e.home_account_id === homeAccountId)
    .map(([key]) => key);
// Keys only: a failing assertion must not print a token.
const appTokens = (appId: string) =>
  Object.entries(cache().AccessToken ?? {})
    .filter(([, e]) => e.client_id === appId && !e.home_account_id)
    .map(([key]) => key);
const profile = () => JSON.parse(readFileSync(join(cloud.configDir, 'profile.json'), 'utf8'));
const homeIdOf = (id: string): string => profile().accounts.find((a: any) => a.id === id).homeAccountId;
const contextsOf = async (id: string) => {
  const r = await cloud.run(['get-context', '--list-available']);
  expect(r.code).toBe(0);
  return (r.json as any[]).filter((c) => c.Account.Id.toLowerCase() === id.toLowerCase());
};
const lastSeq = () => cloud.emu.requestLog().at(-1)?.seq ?? 0;
const tokenRequests = (since: number) => cloud.emu.requestLog(since).filter((e) => e.path.endsWith('/token'));

async function connectSp(): Promise<void> {
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret]);
  expect(r.code).toBe(0);
}

test('without parameters: the account of the default context goes, tokens and contexts; the other account keeps both', async () => {
  expect((await cloud.connectByDeviceCode(S.ALICE.username)).code).toBe(0);
  expect((await cloud.connectByDeviceCode(S.BOB.username)).code).toBe(0);
  const alice = homeIdOf(S.ALICE.username);
  const bob = homeIdOf(S.BOB.username);
  expect(entriesOf(bob).length).toBeGreaterThan(0);
  const aliceBefore = entriesOf(alice).length;
  const aliceContexts = await contextsOf(S.ALICE.username);

  const r = await cloud.run(['disconnect']);
  expect(r.code).toBe(0);
  expect(r.json).toEqual({ Id: S.BOB.username, Type: 'User', Tenants: [S.FABRIKAM] });

  expect(await contextsOf(S.BOB.username)).toEqual([]);
  expect(entriesOf(bob)).toEqual([]);
  expect(entriesOf(alice)).toHaveLength(aliceBefore);
  expect((await contextsOf(S.ALICE.username)).map((c) => c.Name)).toEqual(aliceContexts.map((c) => c.Name));
  // The default moved to a context that is left, and alice's cached token still serves it.
  const current = await cloud.run(['get-context']);
  expect(current.json.Account.Id).toBe(S.ALICE.username);
  const since = lastSeq();
  const token = await cloud.run(['get-access-token']);
  expect(token.code).toBe(0);
  expect(tokenRequests(since)).toEqual([]);
});

test('--username names one of two accounts: the service principal goes with its application tokens, alice stays', async () => {
  await connectSp();
  expect(appTokens(APP.appId).length).toBeGreaterThan(0);
  const alice = homeIdOf(S.ALICE.username);
  const aliceBefore = entriesOf(alice).length;
  // The service principal's context is the default now; --username picks it by name all the same.
  const r = await cloud.run(['disconnect', '--username', APP.appId.toUpperCase()]);
  expect(r.code).toBe(0);
  expect(r.json).toEqual({ Id: APP.appId, Type: 'ServicePrincipal', Tenants: [S.CONTOSO] });
  expect(appTokens(APP.appId)).toEqual([]);
  expect(await contextsOf(APP.appId)).toEqual([]);
  expect(entriesOf(alice)).toHaveLength(aliceBefore);
  expect((await cloud.run(['get-context'])).json.Account.Id).toBe(S.ALICE.username);
});

test('--context-name and JSON input pick the account too; a Process-scope default on a removed context is unset', async () => {
  expect((await cloud.connectByDeviceCode(S.BOB.username)).code).toBe(0);
  const bobContext = (await contextsOf(S.BOB.username))[0].Name;
  const r = await cloud.run(['disconnect', '--context-name', bobContext, '--events', 'jsonl'], { env: { MYACCOUNT_CONTEXT: bobContext } });
  expect(r.code).toBe(0);
  expect(r.json.Id).toBe(S.BOB.username);
  const env = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .find((e) => e.type === 'environment');
  expect(env?.variables).toEqual({ MYACCOUNT_CONTEXT: null });

  expect((await cloud.connectByDeviceCode(S.BOB.username)).code).toBe(0);
  const byId = await cloud.run(['disconnect', '--input-json', JSON.stringify({ Username: S.BOB.username })]);
  expect(byId.code).toBe(0);
  expect(await contextsOf(S.BOB.username)).toEqual([]);
});

test('bad input changes nothing: unknown account (exit 1, ObjectNotFound), two parameter sets (exit 2)', async () => {
  const before = readFileSync(join(cloud.configDir, 'profile.json'), 'utf8');
  const cacheBefore = readFileSync(join(cloud.configDir, PLAINTEXT_CACHE_FILE), 'utf8');
  const unknown = await cloud.run(['disconnect', '--username', 'nobody@contoso.example']);
  expect(unknown.code).toBe(1);
  expect(unknown.json.error).toMatchObject({ code: 'AccountNotFound', category: 'ObjectNotFound', target: 'Username' });
  expect(unknown.json.error.message).toContain('get-context --list-available');
  const noContext = await cloud.run(['disconnect', 'no-such-context']);
  expect(noContext.code).toBe(1);
  expect(noContext.json.error.code).toBe('ContextNotFound');
  const both = await cloud.run(['disconnect', '--all', '--username', S.ALICE.username]);
  expect(both.code).toBe(2);
  expect(both.json.error.code).toBe('ParameterSetConflict');
  for (const r of [unknown, noContext, both]) expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(join(cloud.configDir, 'profile.json'), 'utf8')).toBe(before);
  expect(readFileSync(join(cloud.configDir, PLAINTEXT_CACHE_FILE), 'utf8')).toBe(cacheBefore);
});

test('--all signs everyone out; then nothing is signed in (exit 3) and no token is left', async () => {
  await connectSp();
  const r = await cloud.run(['disconnect', '--all']);
  expect(r.code).toBe(0);
  expect((r.json as any[]).map((a) => [a.Id, a.Type]).sort()).toEqual([[APP.appId, 'ServicePrincipal'], [S.ALICE.username, 'User']].sort());
  expect((await cloud.run(['get-context', '--list-available'])).json).toEqual([]);
  expect((await cloud.run(['get-context'])).json).toBeNull();
  const c = cache();
  for (const section of ['Account', 'IdToken', 'AccessToken', 'RefreshToken']) expect(Object.keys(c[section] ?? {})).toEqual([]);
  const again = await cloud.run(['disconnect']);
  expect(again.code).toBe(3);
  expect(again.json.error.message).toContain('myaccount connect');
  expect((await cloud.run(['get-access-token'])).code).toBe(3);
  // Nothing to remove is not an error for --all.
  const none = await cloud.run(['disconnect', '--all']);
  expect(none.code).toBe(0);
  expect(none.json).toEqual([]);
});

test('clear-context empties the token cache as well as the profile', async () => {
  expect((await cloud.connectByDeviceCode(S.ALICE.username)).code).toBe(0);
  await connectSp();
  expect(entriesOf(homeIdOf(S.ALICE.username)).length).toBeGreaterThan(0);
  const r = await cloud.run(['clear-context', '--pass-thru']);
  expect(r.code).toBe(0);
  expect(r.json).toBe(true);
  const c = cache();
  for (const section of ['Account', 'IdToken', 'AccessToken', 'RefreshToken']) expect(Object.keys(c[section] ?? {})).toEqual([]);
  expect((await cloud.run(['get-context', '--list-available'])).json).toEqual([]);
});
