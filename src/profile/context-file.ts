/**
 * The file save-context writes and import-context reads: contexts, the accounts they use and the
 * user-defined environments they need, so one CI step can hand its sign-in's shape to the next.
 *
 * It never carries a token, refresh token, secret or certificate password: the profile holds none
 * (they live in the token cache and the secret store), and this file is copied into artifacts
 * and logs, which is exactly where a token must not end up. After an import, the account gets
 * its tokens the usual way: silently where its credential can be found again in the new place
 * (a managed identity, a federated token file, AZURE_CLIENT_SECRET for a service principal), or
 * by running connect. Az's Save-AzContext -WithCredential is deliberately not offered.
 *
 * A file is read whole and checked before anything is changed; a bad, truncated or newer file
 * is refused with the reason.
 */
import { fail } from '../core/errors.js';
import { checkEndpointUrl, isBuiltIn, normaliseEndpoint } from './environments.js';
import { ENVIRONMENT_FIELDS, type EnvironmentRecord } from './environment-types.js';
import { sameName, type AccountRecord, type AccountType, type ContextRecord, type Profile } from './profile.js';

export const CONTEXT_FILE_KIND = 'MyAccount.Contexts';
export const CONTEXT_FILE_VERSION = 1;

export interface ContextFile {
  kind: typeof CONTEXT_FILE_KIND;
  version: number;
  savedAt: string;
  defaultContext: string | null;
  accounts: AccountRecord[];
  contexts: ContextRecord[];
  environments: EnvironmentRecord[];
}

const ACCOUNT_TYPES: readonly AccountType[] = ['User', 'ServicePrincipal', 'ManagedService', 'AccessToken', 'ClientAssertion', 'Certificate'];

/** The chosen contexts with exactly the accounts and user-defined environments they use. */
export function buildContextFile(profile: Profile, contexts: ContextRecord[], defaultContext: string | null, now: Date): ContextFile {
  const accounts = profile.accounts.filter((a) => contexts.some((c) => sameName(c.accountId, a.id)));
  const envNames = new Set([...contexts.map((c) => c.environment), ...accounts.map((a) => a.environment)].map((n) => n.toLowerCase()));
  const environments = profile.environments.filter((e) => envNames.has(e.Name.toLowerCase()));
  return { kind: CONTEXT_FILE_KIND, version: CONTEXT_FILE_VERSION, savedAt: now.toISOString(), defaultContext, accounts, contexts, environments };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1024 && !/[\u0000-\u001f\u007f]/.test(v);

/** Parses and checks a context file; throws ContextFileInvalid/ContextFileTooNew naming the file. */
export function parseContextFile(text: string, path: string): ContextFile {
  const bad = (why: string): never => {
    throw fail.ContextFileInvalid(`${path} is not a context file save-context wrote: ${why}. Nothing was imported.`, { target: 'Path' });
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return bad(text.trim() === '' ? 'it is empty' : 'it is not valid JSON (is it truncated?)');
  }
  if (!isObject(raw)) return bad('it is not a JSON object');
  if (raw.kind !== CONTEXT_FILE_KIND) return bad(`its "kind" is not "${CONTEXT_FILE_KIND}"`);
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return bad('its "version" is not a whole number');
  if (version > CONTEXT_FILE_VERSION) {
    throw fail.ContextFileTooNew(`${path} has version ${version}, but this MyAccount reads context files up to version ${CONTEXT_FILE_VERSION}. Upgrade MyAccount where you import it. Nothing was imported.`, { target: 'Path' });
  }
  for (const key of ['accounts', 'contexts', 'environments'] as const) if (!Array.isArray(raw[key])) bad(`its "${key}" is not a list`);
  const accounts = raw.accounts as unknown[];
  const contexts = raw.contexts as unknown[];
  const environments = raw.environments as unknown[];
  accounts.forEach((a, i) => {
    if (!isObject(a) || !isText(a.id) || !ACCOUNT_TYPES.includes(a.type as AccountType) || !isText(a.environment) || !Array.isArray(a.tenants) || !Array.isArray(a.subscriptions)) bad(`account ${i + 1} is incomplete`);
    const acc = a as Record<string, unknown>;
    if (acc.properties !== undefined && (!isObject(acc.properties) || Object.values(acc.properties).some((v) => typeof v !== 'string'))) bad(`account ${i + 1} has properties that are not text`);
    if ((acc.tenants as unknown[]).some((t) => !isObject(t) || !isText(t.id))) bad(`account ${i + 1} has a tenant without an id`);
  });
  contexts.forEach((c, i) => {
    if (!isObject(c) || !isText(c.name) || !isText(c.accountId) || !isText(c.environment)) return bad(`context ${i + 1} is incomplete`);
    if (c.tenant !== null && !(isObject(c.tenant) && isText(c.tenant.id))) bad(`context "${c.name}" has a tenant without an id`);
    if (c.subscription !== null && !(isObject(c.subscription) && isText(c.subscription.id) && isText(c.subscription.tenantId))) bad(`context "${c.name}" has an incomplete subscription`);
    if (!accounts.some((a) => sameName((a as AccountRecord).id, c.accountId as string))) bad(`context "${c.name}" names the account ${c.accountId}, which the file does not hold`);
  });
  environments.forEach((e, i) => {
    if (!isObject(e) || !isText(e.Name)) return bad(`environment ${i + 1} has no Name`);
    if (isBuiltIn(e.Name)) bad(`it would replace the built-in environment ${e.Name}`);
    for (const field of ENVIRONMENT_FIELDS) {
      const value = e[field.name];
      if (value === undefined || value === null) continue;
      if (field.kind === 'url') {
        if (typeof value !== 'string') bad(`environment "${e.Name}" has a ${field.name} that is not text`);
        // The same rules as add-environment: a token is never sent in clear text to another machine.
        try {
          checkEndpointUrl(field.name, value as string);
        } catch (error) {
          bad(`environment "${e.Name}": ${(error as Error).message}`);
        }
      }
    }
  });
  const defaultContext = raw.defaultContext ?? null;
  if (defaultContext !== null && !(isText(defaultContext) && contexts.some((c) => sameName((c as ContextRecord).name, defaultContext)))) bad('its "defaultContext" is not one of its contexts');
  return {
    kind: CONTEXT_FILE_KIND,
    version,
    savedAt: typeof raw.savedAt === 'string' ? raw.savedAt : '',
    defaultContext: defaultContext as string | null,
    accounts: accounts as AccountRecord[],
    contexts: contexts as ContextRecord[],
    environments: (environments as EnvironmentRecord[]).map((e) => normalised(e)),
  };
}

function normalised(e: EnvironmentRecord): EnvironmentRecord {
  const out: Record<string, unknown> = { ...e };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'string' && k !== 'Name') out[k] = normaliseEndpoint(k, v);
  return out as unknown as EnvironmentRecord;
}

/** The profile with the file's records in it: same-named accounts, contexts and environments are replaced. */
export function mergeContextFile(profile: Profile, file: ContextFile): Profile {
  const replace = <T>(mine: T[], theirs: T[], keyOf: (x: T) => string): T[] => [...mine.filter((m) => !theirs.some((t) => sameName(keyOf(t), keyOf(m)))), ...theirs];
  return {
    ...profile,
    accounts: replace(profile.accounts, file.accounts, (a) => a.id),
    contexts: replace(profile.contexts, file.contexts, (c) => c.name),
    environments: replace(profile.environments, file.environments, (e) => e.Name),
  };
}
