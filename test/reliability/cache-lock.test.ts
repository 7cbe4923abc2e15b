/**
 * A process killed while it held the token cache's lock must not lock everyone else out: the
 * lock is taken over once stale (5 s without its holder refreshing it), as for the profile.
 * msal-node-extensions' own lock had no such rule and failed every later request.
 */
import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { PLAINTEXT_CACHE_FILE } from '../../src/token-cache/token-cache.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';

const APP = S.CI_SECRET_APP;
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud();
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret]);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

test('a lock left by a killed process is taken over, and the next token request succeeds', async () => {
  const lock = join(cloud.configDir, `${PLAINTEXT_CACHE_FILE}.lock`);
  mkdirSync(lock);
  const minuteAgo = new Date(Date.now() - 60_000);
  utimesSync(lock, minuteAgo, minuteAgo);
  const started = Date.now();
  // MSGraph is not cached yet, so this request must write the cache under the lock. Without a
  // keyring the secret was not kept, so the pipeline's variables supply it.
  const env = { AZURE_CLIENT_ID: APP.appId, AZURE_CLIENT_SECRET: APP.secret };
  const r = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph'], { env });
  expect(r.code).toBe(0);
  expect(r.json.TenantId).toBe(S.CONTOSO);
  expect(Date.now() - started).toBeLessThan(20_000);
  // And the token it wrote is there for the next process.
  const again = await cloud.run(['get-access-token', '--resource-type-name', 'MSGraph'], { env });
  expect(again.json.Token).toBe(r.json.Token);
});
