/**
 * msal-node-extensions' keyring persistences (Keychain, libsecret) for the kept secrets on macOS
 * and Linux, created directly and checked by us instead of by PersistenceCreator. Its check
 * writes, reads and deletes one shared probe (a `test.cache` file in the folder, and one keyring
 * entry named "persistencValidationAccountName" for every program of the user), unlocked: two
 * processes starting side by side deleted each other's probe, one failed its check and,
 * depending on the caller, fell back to the plain file or kept no secret. Here each check uses a
 * probe of its own (pid + random), so parallel first commands cannot disturb each other and all
 * reach the same verdict.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IPersistence } from '@azure/msal-node-extensions';
import type { Extensions } from './native.js';

const PROBE_TEXT = 'myaccount-persistence-check';

export interface SecurePersistenceOptions {
  cachePath: string;
  /** Keyring service and account (Linux and macOS). */
  serviceName: string;
  accountName: string;
}

/** A name no other process uses: this process's pid and 12 random hex digits. */
export const probeSuffix = (): string => `${process.pid}-${randomBytes(6).toString('hex')}`;

/** Keychain or libsecret; Windows keeps secrets in DPAPI files of its own (dpapi-persistence.ts). */
async function create(extensions: Extensions, platform: NodeJS.Platform, path: string, service: string, account: string): Promise<IPersistence> {
  if (platform === 'darwin') return extensions.KeychainPersistence.create(path, service, account);
  return extensions.LibSecretPersistence.create(path, service, account);
}

/** The persistence for `cachePath`, after a write/read/delete of a private probe proved it works. */
export async function createVerifiedPersistence(extensions: Extensions, platform: NodeJS.Platform, options: SecurePersistenceOptions): Promise<IPersistence> {
  const persistence = await create(extensions, platform, options.cachePath, options.serviceName, options.accountName);
  const suffix = probeSuffix();
  const probePath = join(dirname(options.cachePath), `persistence-check.${suffix}.tmp`);
  const probe = await create(extensions, platform, probePath, options.serviceName, `${options.accountName}.check.${suffix}`);
  try {
    await probe.save(PROBE_TEXT);
    const seen = await probe.load();
    if (seen !== PROBE_TEXT) throw new Error(seen ? 'the store returned something else than was written to it' : 'data written to the store could not be read back (on Linux: is D-Bus running?)');
  } finally {
    await probe.delete().catch(() => undefined);
    await rm(probePath, { force: true }).catch(() => undefined);
  }
  return persistence;
}
