/**
 * The emulator's data folder: where each file lives and how it is written. Keys and the admin
 * key are secrets for this machine's user only, so the folder is 0700 and files 0600, and every
 * write goes through a temporary file and a rename so a crash never leaves half a key behind.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface EmulatorPaths {
  dir: string;
  caCert: string;
  caKey: string;
  leafCert: string;
  leafKey: string;
  signingKey: string;
  signingCert: string;
  /** The emulator CA appended to the system bundle, for NODE_EXTRA_CA_CERTS / REQUESTS_CA_BUNDLE users. */
  caBundle: string;
  /** Refresh tokens (hashed) that survive a restart. */
  state: string;
  /** The admin API key of the running instance (rewritten on every start). */
  adminKey: string;
}

export function emulatorPaths(dataDir: string): EmulatorPaths {
  return {
    dir: dataDir,
    caCert: join(dataDir, 'ca.pem'),
    caKey: join(dataDir, 'ca-key.pem'),
    leafCert: join(dataDir, 'leaf.pem'),
    leafKey: join(dataDir, 'leaf-key.pem'),
    signingKey: join(dataDir, 'signing-key.pem'),
    signingCert: join(dataDir, 'signing-cert.pem'),
    caBundle: join(dataDir, 'ca-bundle.pem'),
    state: join(dataDir, 'state.json'),
    adminKey: join(dataDir, 'admin.key'),
  };
}

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and ignored for an existing folder.
  chmodSync(dir, 0o700);
}

export function writePrivateFile(path: string, content: string | Buffer, mode = 0o600): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, mode);
  renameSync(tmp, path);
}

export function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Removes the mutable state; with `everything`, the CA and keys too (clients must re-trust the new CA). */
export function resetEmulatorData(dataDir: string, options: { everything?: boolean } = {}): void {
  const p = emulatorPaths(dataDir);
  const files = options.everything ? [p.state, p.adminKey, p.caCert, p.caKey, p.leafCert, p.leafKey, p.signingKey, p.signingCert, p.caBundle] : [p.state];
  for (const f of files) rmSync(f, { force: true });
}
