/** Where MyAccount keeps its state: MYACCOUNT_CONFIG_DIR, else ~/.myaccount. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../core/context.js';

export function configDirFrom(env: Env): string {
  const dir = env.MYACCOUNT_CONFIG_DIR;
  if (dir !== undefined && dir !== '') return dir;
  return join(env.HOME || homedir(), '.myaccount');
}
