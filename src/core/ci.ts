import type { Env } from './context.js';

/** Variables CI systems set (GitHub Actions, Azure Pipelines, Jenkins, most others via CI). */
export const CI_VARIABLES = ['CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'BUILD_BUILDID', 'JENKINS_URL'];

/** A CI job: nobody answers prompts and no browser can open. */
export function isCi(env: Env): boolean {
  return CI_VARIABLES.some((name) => !!env[name] && env[name] !== 'false');
}
