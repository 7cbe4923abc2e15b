/**
 * Seeds a profile the way sign-in will: through the same store module (StateFile + profileSpec),
 * so tests exercise the real on-disk format and locking.
 */
import { openProfile, type AccountRecord, type ContextRecord, type Profile } from '../../src/profile/profile.js';
import { contextName } from '../../src/profile/contexts.js';
import { tempConfigDir } from './cli.js';

export const TENANT_A = 'aaaaaaaa-0000-4000-8000-000000000001';
export const TENANT_B = 'bbbbbbbb-0000-4000-8000-000000000002';
export const SUB_PROD = '11111111-1111-4111-8111-111111111111';
export const SUB_DEV = '22222222-2222-4222-8222-222222222222';
export const SUB_B = '33333333-3333-4333-8333-333333333333';
export const SUB_DISABLED = '44444444-4444-4444-8444-444444444444';

export function aliceAccount(): AccountRecord {
  return {
    id: 'alice@contoso.example',
    type: 'User',
    environment: 'AzureCloud',
    tenants: [
      { id: TENANT_A, displayName: 'Contoso', defaultDomain: 'contoso.example', domains: ['contoso.example'] },
      { id: TENANT_B, displayName: 'Fabrikam', defaultDomain: 'fabrikam.example', domains: ['fabrikam.example'] },
    ],
    subscriptions: [
      { id: SUB_PROD, name: 'Production', state: 'Enabled', tenantId: TENANT_A, homeTenantId: TENANT_A, managedByTenantIds: [] },
      { id: SUB_DEV, name: 'Development', state: 'Enabled', tenantId: TENANT_A, homeTenantId: TENANT_A, managedByTenantIds: [TENANT_B] },
      { id: SUB_B, name: 'Fabrikam Shared', state: 'Enabled', tenantId: TENANT_B, homeTenantId: TENANT_B, managedByTenantIds: [] },
      { id: SUB_DISABLED, name: 'Old', state: 'Disabled', tenantId: TENANT_A, homeTenantId: TENANT_A, managedByTenantIds: [] },
    ],
  };
}

/** Alice signed in with a context for Production as the default. */
export async function seedSignedIn(configDir: string): Promise<Profile> {
  const account = aliceAccount();
  const sub = account.subscriptions[0];
  const tenant = account.tenants[0];
  const context: ContextRecord = { name: contextName(account.id, tenant, sub), accountId: account.id, environment: 'AzureCloud', tenant, subscription: sub };
  return openProfile(configDir, { now: () => new Date() }).update((p: Profile) => {
    const next = { ...p, accounts: [account], contexts: [context], defaultContext: context.name };
    return { next, result: next };
  });
}

export const PROD_CONTEXT = `Production (${SUB_PROD}) - ${TENANT_A} - alice@contoso.example`;

/**
 * A state folder with Alice signed in (seedSignedIn), made before the tests of the file or
 * describe block this is called in and removed after them. Read `.dir` inside the tests.
 */
export function signedInFolder(): { readonly dir: string } {
  const folder = { dir: '' };
  let cleanup = (): void => undefined;
  beforeAll(async () => {
    ({ dir: folder.dir, cleanup } = tempConfigDir());
    await seedSignedIn(folder.dir);
  });
  afterAll(() => cleanup());
  return folder;
}
