/**
 * Credentials MyAccount keeps so a service principal can get new tokens later without asking
 * again: client secrets, certificate passwords, federated tokens, access tokens. Each lives in
 * the operating system's secure store (one entry per secret, so writers never race on a shared
 * blob). Where no secure store works, nothing is kept: the next use asks for the secret again.
 * Plaintext is never an option here, whatever AllowPlaintextTokenCache says: a refresh token
 * can be revoked, a leaked client secret works until someone rotates it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { folderId } from '../profile/folder-id.js';
import { loadExtensions, type NativeLoaders } from './native.js';
import { createVerifiedPersistence } from './verified-persistence.js';
import { dpapiPersistence } from './dpapi-persistence.js';
import { readSessionMarker } from '../core/session-marker.js';
import type { Env } from '../core/context.js';
import { noSessionBus } from './session-bus.js';

export type SecretKind = 'ClientSecret' | 'CertificatePassword' | 'FederatedToken' | 'AccessToken';

export interface SecretStore {
  /** False when no secure store works here; `save` then keeps nothing. */
  readonly available: boolean;
  save(key: SecretKey, value: string): Promise<boolean>;
  load(key: SecretKey): Promise<string | null>;
  /** Removes every secret of the account (all kinds, all tenants). */
  removeAccount(environment: string, accountId: string): Promise<void>;
}

export interface SecretKey {
  environment: string;
  accountId: string;
  kind: SecretKind;
}

/** What the store needs of a persistence: msal-node-extensions' keyring ones, or the DPAPI file. */
interface KeptPersistence {
  load(): Promise<string | null>;
  save(value: string): Promise<void>;
  delete(): Promise<unknown>;
}

const SERVICE = 'MyAccount';
const DIR = 'secrets';

function accountPrefix(environment: string, accountId: string): string {
  return createHash('sha256').update(`${environment.toLowerCase()}|${accountId.toLowerCase()}`).digest('hex').slice(0, 24);
}

/** File-safe and keyring-safe name; the account id itself stays out of file names. */
function entryName(key: SecretKey): string {
  return `${accountPrefix(key.environment, key.accountId)}-${key.kind}`;
}

/**
 * `native` replaces how msal-node-extensions (or on Windows its DPAPI addon) is loaded (tests).
 * The load sits inside the guard below: a missing native build (keytar, which the package's index
 * imports; the DPAPI addon) makes the store unavailable, so nothing is kept and the next use asks
 * again, instead of failing the command.
 */
export async function openSecretStore(configDir: string, timeoutMs = 10000, native: NativeLoaders = {}, platform: NodeJS.Platform = process.platform, env: Env = process.env): Promise<SecretStore> {
  const dir = join(configDir, DIR);
  // Keyring entries are per state folder, like the token cache's.
  const folder = await folderId(configDir);
  // An autosave-off session (profile/autosave.ts) reads the state folder's secrets it has not replaced.
  const originFolder = readSessionMarker(configDir)?.originFolderId ?? null;
  const persistenceFor = async (name: string, owner = folder): Promise<KeptPersistence> => {
    if (platform === 'win32') {
      // One DPAPI file per secret, written by rename; only the addon is loaded (no keytar).
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${name}.cache`);
      const file = await dpapiPersistence(path, native);
      return { load: file.load, save: file.save, delete: () => rm(path, { force: true }) };
    }
    // Certain to fail without a session bus: msal-node-extensions (and keytar) stay unloaded.
    const noBus = noSessionBus(env, platform);
    if (noBus) throw new Error(noBus);
    const extensions = await loadExtensions(native);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the secure store did not answer')), timeoutMs);
    });
    try {
      // Checked with a probe of its own: PersistenceCreator's shared test entry raced between processes.
      return await Promise.race([
        createVerifiedPersistence(extensions, platform, { cachePath: join(dir, `${name}.cache`), serviceName: SERVICE, accountName: `secret-${owner}-${name}` }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  let available = true;
  const tryPersistence = async (name: string, owner = folder) => {
    if (!available) return null;
    try {
      return await persistenceFor(name, owner);
    } catch {
      available = false;
      return null;
    }
  };
  return {
    get available() {
      return available;
    },
    async save(key, value) {
      const persistence = await tryPersistence(entryName(key));
      if (!persistence) return false;
      await persistence.save(value);
      return true;
    },
    async load(key) {
      const persistence = await tryPersistence(entryName(key));
      if (!persistence) return null;
      const read = async (p: NonNullable<typeof persistence>): Promise<string | null> => {
        try {
          const text = await p.load();
          return text && text !== '{}' ? text : null;
        } catch {
          return null;
        }
      };
      const own = await read(persistence);
      if (own !== null || !originFolder) return own;
      // Read only: the session never writes or deletes the state folder's entries.
      const origin = await tryPersistence(entryName(key), originFolder);
      return origin ? read(origin) : null;
    },
    async removeAccount(environment, accountId) {
      const prefix = accountPrefix(environment, accountId);
      let names: string[] = [];
      try {
        names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith('.cache'));
      } catch {
        return;
      }
      for (const file of names) {
        const persistence = await tryPersistence(file.slice(0, -'.cache'.length));
        await persistence?.delete().catch(() => undefined);
        await rm(join(dir, file), { force: true });
      }
    },
  };
}

/** Deletes every secret kept for this state folder (an autosave session folder being removed). */
export async function removeAllSecrets(configDir: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(join(configDir, DIR))).filter((n) => n.endsWith('.cache'));
  } catch {
    return;
  }
  if (names.length === 0) return;
  const folder = await folderId(configDir);
  const extensions = await import('@azure/msal-node-extensions');
  for (const file of names) {
    const name = file.slice(0, -'.cache'.length);
    try {
      const persistence = await extensions.PersistenceCreator.createPersistence({
        cachePath: join(configDir, DIR, file),
        dataProtectionScope: extensions.DataProtectionScope.CurrentUser,
        serviceName: SERVICE,
        accountName: `secret-${folder}-${name}`,
        usePlaintextFileOnLinux: false,
      });
      await persistence.delete();
    } catch {
      /* no secure store: nothing was kept in it */
    }
  }
}
