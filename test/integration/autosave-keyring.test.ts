/**
 * An autosave-off session with the real keyring (gnome-keyring on a private D-Bus): the session
 * starts with the state folder's tokens and kept secrets (read through, read-only), what it writes
 * goes to its own entries and never to the state folder's, and ending the session deletes its
 * entries from the keyring.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCli, tempConfigDir } from '../helpers/cli.js';
import { bundleEntry } from '../helpers/bundle.js';
import { startKeyring, type Keyring } from '../helpers/keyring.js';
import { FOLDER_ID_FILE } from '../../src/profile/folder-id.js';

const probe = bundleEntry(join(__dirname, 'token-cache-probe.ts'));
const ORIGIN_CACHE = JSON.stringify({ RefreshToken: { a: { secret: 'rt-of-the-state-folder' } } });
const SESSION_CACHE = JSON.stringify({ RefreshToken: { b: { secret: 'rt-of-the-session' } } });

let keyring: Keyring;
beforeAll(async () => {
  keyring = await startKeyring();
});
afterAll(() => keyring.stop());

function probeIn(dir: string, args: string[]): any {
  const out = execFileSync(process.execPath, [probe, dir, ...args], { env: cleanEnv(dir, keyring.env), encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  return JSON.parse(out.trim().split('\n').pop()!);
}

test('a session reads the state folder\'s keyring entries, writes only its own, and its entries go with it', async () => {
  const { dir, cleanup } = tempConfigDir();
  const leftover = tempConfigDir();
  try {
    probeIn(dir, ['false', 'write', ORIGIN_CACHE]);
    probeIn(dir, ['-', 'secret-save', 'secret-of-the-state-folder']);

    const off = await runCli(dir, ['disable-context-autosave', '--scope', 'Process', '--owner-process-id', String(process.pid)], { env: keyring.env });
    expect(off.code).toBe(0);
    const session: string = off.json.SessionDirectory;
    expect(existsSync(join(session, FOLDER_ID_FILE))).toBe(true);

    // Read through: the session starts signed in as the state folder is.
    expect(probeIn(session, ['false', 'read']).seen).toBe(ORIGIN_CACHE);
    expect(probeIn(session, ['-', 'secret-load']).seen).toBe('secret-of-the-state-folder');

    // Writes stay in the session's own entries.
    probeIn(session, ['false', 'write', SESSION_CACHE]);
    probeIn(session, ['-', 'secret-save', 'secret-of-the-session']);
    expect(probeIn(session, ['false', 'read']).seen).toBe(SESSION_CACHE);
    expect(probeIn(session, ['-', 'secret-load']).seen).toBe('secret-of-the-session');
    expect(probeIn(dir, ['false', 'read']).seen).toBe(ORIGIN_CACHE);
    expect(probeIn(dir, ['-', 'secret-load']).seen).toBe('secret-of-the-state-folder');

    // A folder with the session's id (and no session marker, so no read-through) sees the session's entries...
    mkdirSync(leftover.dir, { recursive: true, mode: 0o700 });
    copyFileSync(join(session, FOLDER_ID_FILE), join(leftover.dir, FOLDER_ID_FILE));
    expect(probeIn(leftover.dir, ['false', 'read']).seen).toBe(SESSION_CACHE);

    // ...until the session ends: its folder and its keyring entries are gone; the state folder's stay.
    const on = await runCli(session, ['enable-context-autosave', '--scope', 'Process'], { env: { ...keyring.env, MYACCOUNT_AUTOSAVE: 'Off' } });
    expect(on.code).toBe(0);
    expect(existsSync(session)).toBe(false);
    expect(probeIn(leftover.dir, ['false', 'read']).seen).toBeFalsy();
    expect(probeIn(dir, ['false', 'read']).seen).toBe(ORIGIN_CACHE);
    expect(probeIn(dir, ['-', 'secret-load']).seen).toBe('secret-of-the-state-folder');
  } finally {
    cleanup();
    leftover.cleanup();
  }
});
