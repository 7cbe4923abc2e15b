/**
 * Where an environment signs people in and which audience each Azure service's tokens carry.
 * Names follow Az's -ResourceTypeName; audiences come from the environment, so sovereign,
 * user-added and local clouds get their own.
 */
import { fail } from '../core/errors.js';
import { ENVIRONMENT_FIELDS, type EnvironmentView } from './environment-types.js';

/** Az's resource type names, with the environment field (or fixed audience) behind each. */
const RESOURCE_TYPES: Record<string, (env: EnvironmentView) => string | undefined> = {
  Arm: (e) => e.ActiveDirectoryServiceEndpointResourceId,
  ResourceManager: (e) => e.ActiveDirectoryServiceEndpointResourceId,
  MSGraph: (e) => e.MicrosoftGraphEndpointResourceId,
  AadGraph: (e) => e.GraphEndpointResourceId,
  KeyVault: (e) => e.AzureKeyVaultServiceEndpointResourceId,
  // Storage and a few others have one audience in every Entra cloud.
  Storage: () => 'https://storage.azure.com',
  Synapse: (e) => e.AzureSynapseAnalyticsEndpointResourceId,
  OperationalInsights: (e) => e.AzureOperationalInsightsEndpointResourceId,
  Batch: (e) => e.BatchEndpointResourceId,
  DataLake: (e) => e.DataLakeEndpointResourceId,
  AnalysisServices: (e) => e.AnalysisServicesEndpointResourceId,
  Attestation: (e) => e.AzureAttestationServiceEndpointResourceId,
  AppConfiguration: () => 'https://azconfig.io',
  CommunicationEmail: () => 'https://communication.azure.com',
};

export const RESOURCE_TYPE_NAMES = Object.keys(RESOURCE_TYPES);

/** The authority root, always ending in "/". */
export function authorityHost(env: EnvironmentView): string {
  const value = env.ActiveDirectoryAuthority;
  if (!value) throw fail.EnvironmentHasNoAuthority(`The environment ${env.Name} has no ActiveDirectoryAuthority. Set it with myaccount set-environment ${env.Name} --active-directory-authority <url>.`, { target: 'Environment' });
  return value.endsWith('/') ? value : `${value}/`;
}

export function authorityFor(env: EnvironmentView, tenant: string): string {
  return `${authorityHost(env)}${tenant}`;
}

/** The audience of Resource Manager tokens in this environment. */
export function armResource(env: EnvironmentView): string {
  const value = env.ActiveDirectoryServiceEndpointResourceId ?? env.ResourceManagerUrl;
  if (!value) throw fail.EnvironmentHasNoArm(`The environment ${env.Name} has no Resource Manager audience. Set ActiveDirectoryServiceEndpointResourceId with set-environment.`, { target: 'Environment' });
  return value;
}

export function resourceManagerUrl(env: EnvironmentView): string {
  if (!env.ResourceManagerUrl) throw fail.EnvironmentHasNoArm(`The environment ${env.Name} has no ResourceManagerUrl. Set it with set-environment.`, { target: 'Environment' });
  return env.ResourceManagerUrl;
}

/** The v2 scope for a v1 resource: Az asks for "<resource>/.default", keeping a trailing slash. */
export function scopeFor(resource: string): string {
  return `${resource.endsWith('/') ? resource : `${resource}/`}.default`;
}

/** The v1 resource of one "<resource>/.default" scope (the inverse of scopeFor); null for any other scope. */
export function resourceOfScope(scope: string): string | null {
  const value = scope.trim();
  if (/\s/.test(value) || !/\/\.default$/i.test(value)) return null;
  return value.slice(0, -'/.default'.length) || null;
}

export function resourceOfType(env: EnvironmentView, type: string, target = 'ResourceTypeName'): string {
  const name = RESOURCE_TYPE_NAMES.find((n) => n.toLowerCase() === type.toLowerCase());
  const resource = name ? RESOURCE_TYPES[name](env) : undefined;
  if (!name) throw fail.UnknownResourceType(`"${type}" is not a resource type. Use one of ${RESOURCE_TYPE_NAMES.join(', ')}, or give --resource-url.`, { target });
  if (!resource) throw fail.ResourceTypeNotInEnvironment(`The environment ${env.Name} has no endpoint for ${name}. Give ${target === 'AuthScope' ? 'an https resource id' : '--resource-url'} instead.`, { target });
  return resource;
}

/**
 * Connect's -AuthScope (Az's): the audience of the first token of a sign-in, for a data plane that
 * demands more (MFA) than Resource Manager. A resource type name (Storage, KeyVault, MSGraph...),
 * an environment property that holds an audience (MicrosoftGraphEndpointResourceId...), or an
 * https resource id. Resource Manager's token follows silently.
 */
export function authScopeResource(env: EnvironmentView, value: string): string {
  if (/^https:\/\/[^\s/]+/i.test(value) && URL.canParse(value)) return value;
  const type = RESOURCE_TYPE_NAMES.find((n) => n.toLowerCase() === value.toLowerCase());
  if (type) return resourceOfType(env, type, 'AuthScope');
  const field = ENVIRONMENT_FIELDS.find((f) => f.name.endsWith('ResourceId') && f.name.toLowerCase() === value.toLowerCase());
  if (field) {
    const audience = env[field.name as keyof EnvironmentView];
    if (typeof audience === 'string' && audience) return audience;
    throw fail.ResourceTypeNotInEnvironment(`The environment ${env.Name} has no ${field.name}. Give an https resource id instead.`, { target: 'AuthScope' });
  }
  throw fail.UnknownResourceType(`"${value}" is not an auth scope. Give a resource type (${RESOURCE_TYPE_NAMES.join(', ')}), an environment property such as MicrosoftGraphEndpointResourceId, or an https resource id.`, { target: 'AuthScope' });
}

/** Loopback and clouds we were told to trust are declared known, so MSAL asks no one to validate them. */
export function knownAuthorities(env: EnvironmentView, disableInstanceDiscovery: boolean): string[] {
  const url = new URL(authorityHost(env));
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return disableInstanceDiscovery || loopback ? [url.host] : [];
}
