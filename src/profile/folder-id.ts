/**
 * A stable random id for a state folder, kept in it (`folder-id`, 0600). Stores outside the
 * folder (the keyring) key their entries by it: with one shared keyring entry for every folder,
 * signing out in one folder removed another folder's tokens, and parallel CI jobs with their
 * own folders shared one cache.
 */
// fs.promises only when the id is made (see atomic-write.ts): warm token reads look it up on every start.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { fail, MyAccountError } from '../core/errors.js';
import { readPrivateText, writeFailed } from './atomic-write.js';
import { ensureStateDir } from './state-file.js';

export const FOLDER_ID_FILE = 'folder-id';
const LABEL = 'folder id';
const ID = /^[0-9a-f]{32}$/;

async function readId(path: string): Promise<string | null> {
  let text: string | null;
  try {
    text = await readPrivateText(path, LABEL);
  } catch (error) {
    if (error instanceof MyAccountError) throw error;
    throw fail.StateReadFailed(`Could not read the ${LABEL} file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, { target: path, cause: error });
  }
  if (text === null) return null;
  const id = text.trim();
  if (!ID.test(id)) {
    throw fail.StateFileCorrupt(`The ${LABEL} file ${path} does not hold an id MyAccount wrote. Remove it (accounts signed in with this folder then sign in again).`, { target: path });
  }
  return id;
}

/** The folder's id, if one was made; never creates it (for readers that only look). */
export async function existingFolderId(dir: string): Promise<string | null> {
  try {
    return await readId(join(dir, FOLDER_ID_FILE));
  } catch {
    return null;
  }
}

/** The folder's id, made on first use. Two processes making it at once agree on one (link() is exclusive). */
export async function folderId(dir: string): Promise<string> {
  const path = join(dir, FOLDER_ID_FILE);
  const found = await readId(path);
  if (found) return found;
  await ensureStateDir(dir);
  // crypto (a dozen internal modules) only when the id is made: warm token reads look it up on every start.
  const { randomBytes } = await import('node:crypto');
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await fsp.writeFile(temp, randomBytes(16).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    await fsp.link(temp, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } catch (error) {
    throw writeFailed(path, LABEL, error);
  } finally {
    await fsp.unlink(temp).catch(() => undefined);
  }
  const id = await readId(path);
  if (!id) throw fail.StateReadFailed(`The ${LABEL} file ${path} vanished while it was being made. Run the command again.`, { target: path });
  return id;
}
