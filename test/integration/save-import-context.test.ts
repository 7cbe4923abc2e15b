/**
 * save-context / import-context through the real CLI: a sign-in saved in one state folder is
 * imported into a fresh one (as CI steps hand it over), with no token or secret in the file;
 * Process scope; bad, truncated and newer files refused with nothing changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { expectMode } from '../helpers/modes.js';

jest.setTimeout(90_000);

const APP = S.CI_SECRET_APP;
const SUB = S.SUBSCRIPTIONS.production;
let cloud: LocalCloud;
let work: string;
let other: string;
beforeAll(async () => {
  cloud = await startLocalCloud();
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret, '--subscription', SUB, '--context-name', 'ci']);
  expect(r.code).toBe(0);
  work = join(cloud.configDir, '..', 'work');
  mkdirSync(work, { recursive: true });
  // Another state folder: the next CI step. It uses the same local cloud (its record is copied).
  other = join(cloud.configDir, '..', 'other');
  mkdirSync(join(other, 'emulator'), { recursive: true, mode: 0o700 });
  const record = JSON.parse(readFileSync(join(cloud.configDir, 'emulator', 'instance.json'), 'utf8'));
  for (const key of ['caCertPath', 'caBundlePath']) {
    const copy = join(other, 'emulator', basename(record[key]));
    writeFileSync(copy, readFileSync(record[key]), { mode: 0o600 });
    record[key] = copy;
  }
  writeFileSync(join(other, 'emulator', 'instance.json'), JSON.stringify(record), { mode: 0o600 });
});
afterAll(async () => {
  await cloud?.dispose();
});

const inOther = (args: string[], env: Record<string, string | undefined> = {}) => cloud.run(args, { env: { MYACCOUNT_CONFIG_DIR: other, ...env } });

function folderHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

test('save → another state folder → import: get-context shows it; the file has no token or secret; a token needs the credential again', async () => {
  const file = join(work, 'ctx.json');
  const saved = await cloud.run(['save-context', file]);
  expect(saved.code).toBe(0);
  expect(saved.json).toMatchObject({ Path: file, DefaultContext: 'ci', Contexts: ['ci'], Accounts: [APP.appId] });
  expectMode(file, 0o600);
  const text = readFileSync(file, 'utf8');
  expect(text).not.toContain(APP.secret);
  expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  expect(JSON.parse(text)).toMatchObject({ kind: 'MyAccount.Contexts', version: 1 });

  // Again without --force: refused, the file kept.
  const again = await cloud.run(['save-context', file]);
  expect(again.json.error.code).toBe('FileExists');

  const imported = await inOther(['import-context', file]);
  expect(imported.code).toBe(0);
  expect(imported.json.DefaultContext).toBe('ci');
  const shown = await inOther(['get-context']);
  expect(shown.code).toBe(0);
  expect(shown.json).toMatchObject({ Name: 'ci', Account: { Id: APP.appId }, Subscription: { Id: SUB } });

  // No token travelled: without the secret this folder cannot get one...
  const noToken = await inOther(['get-access-token']);
  expect(noToken.code).toBe(3);
  // ...and with it (AZURE_CLIENT_SECRET, as a CI step has) the imported context works silently.
  const withSecret = await inOther(['get-access-token'], { AZURE_CLIENT_ID: APP.appId, AZURE_TENANT_ID: S.CONTOSO, AZURE_CLIENT_SECRET: APP.secret });
  expect(withSecret.code).toBe(0);
  expect(withSecret.json.TenantId).toBe(S.CONTOSO);
});

test('--all saves every context; import --scope Process leaves the stored default alone and hands back MYACCOUNT_CONTEXT', async () => {
  const set = await cloud.run(['set-context', '--subscription', S.SUBSCRIPTIONS.development, '--name', 'second']);
  expect([set.code, set.stderr]).toEqual([0, expect.any(String)]);
  await cloud.run(['select-context', 'ci']);
  const file = join(work, 'all.json');
  const saved = await cloud.run(['save-context', file, '--all']);
  const listed = (await cloud.run(['get-context', '--list-available'])).json.map((c: any) => c.Name);
  expect(saved.json.Contexts.sort()).toEqual(listed.sort());
  expect(saved.json.Contexts).toEqual(expect.arrayContaining(['ci', 'second']));
  const named = await cloud.run(['save-context', join(work, 'second.json'), '--name', 'second']);
  expect(named.json).toMatchObject({ DefaultContext: 'second', Contexts: ['second'] });
  const before = (await inOther(['get-context'])).json.Name;
  const r = await inOther(['import-context', join(work, 'second.json'), '--scope', 'Process', '--output', 'env']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("MYACCOUNT_CONTEXT='second'");
  expect((await inOther(['get-context'])).json.Name).toBe(before);
  expect((await inOther(['get-context'], { MYACCOUNT_CONTEXT: 'second' })).json.Name).toBe('second');
});

test.each([
  ['not JSON', '{"kind":"MyAccount.Contexts","version":1,"accounts":[', 'ContextFileInvalid', /truncated/],
  ['empty', '', 'ContextFileInvalid', /empty/],
  ['another kind of file', '{"version":1,"settings":{}}', 'ContextFileInvalid', /kind/],
  ['newer version', '{"kind":"MyAccount.Contexts","version":99,"accounts":[],"contexts":[],"environments":[]}', 'ContextFileTooNew', /version 99/],
  ['a context without its account', '{"kind":"MyAccount.Contexts","version":1,"accounts":[],"contexts":[{"name":"x","accountId":"a@b","environment":"AzureCloud","tenant":null,"subscription":null}],"environments":[]}', 'ContextFileInvalid', /does not hold/],
  ['an http environment', '{"kind":"MyAccount.Contexts","version":1,"accounts":[],"contexts":[],"environments":[{"Name":"Evil","ResourceManagerUrl":"http://evil.example/"}]}', 'ContextFileInvalid', /https/],
])('%s: exit 2, nothing changed in the state folder', async (_what, content, code, message) => {
  const file = join(work, 'bad.json');
  writeFileSync(file, content);
  const before = folderHash(other);
  const r = await inOther(['import-context', file]);
  expect(r.code).toBe(2);
  expect(r.json.error.code).toBe(code);
  expect(r.json.error.message).toMatch(message);
  expect(folderHash(other)).toBe(before);
});

test('a missing file: exit 2', async () => {
  const r = await inOther(['import-context', join(work, 'nope.json')]);
  expect([r.code, r.json.error.code]).toEqual([2, 'ContextFileUnreadable']);
  expect(existsSync(join(work, 'nope.json'))).toBe(false);
});
