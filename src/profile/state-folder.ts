/** Where MyAccount keeps its state: MYACCOUNT_CONFIG_DIR, else ~/.myaccount. */
import { join, win32 } from 'node:path';
import type { Env } from '../core/context.js';

export const CONFIG_DIR_VAR = 'MYACCOUNT_CONFIG_DIR';

/**
 * MYACCOUNT_CONFIG_DIR, else <home>/.myaccount. Home is HOME, which Windows does not set (Git Bash
 * and Cygwin do); there it is USERPROFILE, as os.homedir() reads it, so a faked environment in tests
 * and the real one agree.
 */
export function configDirFrom(env: Env, platform: NodeJS.Platform = process.platform): string {
  const dir = env[CONFIG_DIR_VAR];
  if (dir !== undefined && dir !== '') return dir;
  // node:os only when HOME is not set: loading it costs a start ~1 million instructions.
  const home = env.HOME || (platform === 'win32' ? env.USERPROFILE : undefined) || process.getBuiltinModule('node:os').homedir();
  return (platform === 'win32' ? win32.join : join)(home, '.myaccount');
}
