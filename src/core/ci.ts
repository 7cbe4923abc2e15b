import type { Env } from './context.js';

/** Variables CI systems set (GitHub Actions, Azure Pipelines, Jenkins, most others via CI). */
export const CI_VARIABLES = ['CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'BUILD_BUILDID', 'JENKINS_URL'];

/** A CI job: nobody answers prompts and no browser can open. */
export function isCi(env: Env): boolean {
  return CI_VARIABLES.some((name) => !!env[name] && env[name] !== 'false');
}

/**
 * Whether a person watches this command and can answer the operating system's own dialogs (the
 * macOS Keychain's): stderr is a terminal and this is not CI. MYACCOUNT_ATTENDED says it outright
 * ('1'/'true' or '0'/'false'): the PowerShell module sets it, since the CLI's streams are pipes
 * there, and a service may set 0 to fail at once rather than wait.
 */
export function isAttended(env: Env, stderrIsTTY: boolean): boolean {
  const said = env.MYACCOUNT_ATTENDED?.toLowerCase();
  if (said === '1' || said === 'true') return true;
  if (said === '0' || said === 'false') return false;
  return stderrIsTTY && !isCi(env);
}
