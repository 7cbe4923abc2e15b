/**
 * File modes, where they mean something. Windows has no POSIX permission bits (the profile
 * folder's ACL protects files there), so a mode check passes there without looking.
 */
import { statSync } from 'node:fs';

export function expectMode(path: string, mode: number): void {
  if (process.platform === 'win32') return;
  expect((statSync(path).mode & 0o777).toString(8)).toBe(mode.toString(8));
}
