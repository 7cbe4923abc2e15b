/**
 * A federated token (workload identity) read from its file: at sign-in, and again by later
 * commands when the one they had expired, since the platform rotates the file.
 */
import { readFile } from 'node:fs/promises';
import { fail } from '../core/errors.js';

export async function readFederatedToken(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail.FederatedTokenUnreadable(`The federated token file ${path} cannot be read (${code === 'ENOENT' ? 'it does not exist' : code ?? 'error'}).`, { target: 'FederatedTokenFile' });
  }
  const token = text.trim();
  if (!token) throw fail.FederatedTokenEmpty(`The federated token file ${path} is empty.`, { target: 'FederatedTokenFile' });
  return token;
}
