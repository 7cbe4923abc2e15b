/**
 * Built-in clouds with their real endpoints, user-added ones from the profile, and conversion of
 * an ARM `/metadata/endpoints` document into an environment.
 */
import { join } from 'node:path';
import { fail } from '../core/errors.js';
import { ENVIRONMENT_FIELDS, type EnvironmentRecord, type EnvironmentView } from './environment-types.js';
import { sameName, type Profile } from './profile.js';
import type { CommandContext } from '../core/context.js';
import { DEFAULT_EMULATOR_PORT, LOCAL_CLOUD_NAME, localCloudEnvironment, runningLocalCloudPort } from '../local-cloud/index.js';

const BUILT_IN: readonly EnvironmentRecord[] = [
  {
    Name: 'AzureCloud',
    ActiveDirectoryAuthority: 'https://login.microsoftonline.com/',
    ResourceManagerUrl: 'https://management.azure.com/',
    ActiveDirectoryServiceEndpointResourceId: 'https://management.core.windows.net/',
    ServiceManagementUrl: 'https://management.core.windows.net/',
    GraphUrl: 'https://graph.windows.net/',
    GraphEndpointResourceId: 'https://graph.windows.net/',
    MicrosoftGraphUrl: 'https://graph.microsoft.com',
    MicrosoftGraphEndpointResourceId: 'https://graph.microsoft.com/',
    ManagementPortalUrl: 'https://portal.azure.com/',
    GalleryUrl: 'https://gallery.azure.com/',
    PublishSettingsFileUrl: 'https://go.microsoft.com/fwlink/?LinkID=301775',
    StorageEndpointSuffix: 'core.windows.net',
    SqlDatabaseDnsSuffix: '.database.windows.net',
    TrafficManagerDnsSuffix: 'trafficmanager.net',
    AzureKeyVaultDnsSuffix: 'vault.azure.net',
    AzureKeyVaultServiceEndpointResourceId: 'https://vault.azure.net',
    ContainerRegistryEndpointSuffix: 'azurecr.io',
    BatchEndpointResourceId: 'https://batch.core.windows.net/',
    DataLakeEndpointResourceId: 'https://datalake.azure.net/',
    AzureDataLakeStoreFileSystemEndpointSuffix: 'azuredatalakestore.net',
    AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix: 'azuredatalakeanalytics.net',
    AzureOperationalInsightsEndpoint: 'https://api.loganalytics.io/v1',
    AzureOperationalInsightsEndpointResourceId: 'https://api.loganalytics.io',
    AzureAnalysisServicesEndpointSuffix: 'asazure.windows.net',
    AnalysisServicesEndpointResourceId: 'https://region.asazure.windows.net',
    AzureAttestationServiceEndpointSuffix: 'attest.azure.net',
    AzureAttestationServiceEndpointResourceId: 'https://attest.azure.net',
    AzureSynapseAnalyticsEndpointSuffix: 'dev.azuresynapse.net',
    AzureSynapseAnalyticsEndpointResourceId: 'https://dev.azuresynapse.net',
    AdTenant: 'Common',
    EnableAdfsAuthentication: false,
  },
  {
    Name: 'AzureChinaCloud',
    ActiveDirectoryAuthority: 'https://login.chinacloudapi.cn/',
    ResourceManagerUrl: 'https://management.chinacloudapi.cn/',
    ActiveDirectoryServiceEndpointResourceId: 'https://management.core.chinacloudapi.cn/',
    ServiceManagementUrl: 'https://management.core.chinacloudapi.cn/',
    GraphUrl: 'https://graph.chinacloudapi.cn/',
    GraphEndpointResourceId: 'https://graph.chinacloudapi.cn/',
    MicrosoftGraphUrl: 'https://microsoftgraph.chinacloudapi.cn',
    MicrosoftGraphEndpointResourceId: 'https://microsoftgraph.chinacloudapi.cn/',
    ManagementPortalUrl: 'https://portal.azure.cn/',
    GalleryUrl: 'https://gallery.azure.com/',
    PublishSettingsFileUrl: 'https://go.microsoft.com/fwlink/?LinkID=301776',
    StorageEndpointSuffix: 'core.chinacloudapi.cn',
    SqlDatabaseDnsSuffix: '.database.chinacloudapi.cn',
    TrafficManagerDnsSuffix: 'trafficmanager.cn',
    AzureKeyVaultDnsSuffix: 'vault.azure.cn',
    AzureKeyVaultServiceEndpointResourceId: 'https://vault.azure.cn',
    ContainerRegistryEndpointSuffix: 'azurecr.cn',
    BatchEndpointResourceId: 'https://batch.chinacloudapi.cn/',
    AzureOperationalInsightsEndpoint: 'https://api.loganalytics.azure.cn/v1',
    AzureOperationalInsightsEndpointResourceId: 'https://api.loganalytics.azure.cn',
    AzureAnalysisServicesEndpointSuffix: 'asazure.chinacloudapi.cn',
    AnalysisServicesEndpointResourceId: 'https://region.asazure.chinacloudapi.cn',
    AzureSynapseAnalyticsEndpointSuffix: 'dev.azuresynapse.azure.cn',
    AzureSynapseAnalyticsEndpointResourceId: 'https://dev.azuresynapse.azure.cn',
    AdTenant: 'Common',
    EnableAdfsAuthentication: false,
  },
  {
    Name: 'AzureUSGovernment',
    ActiveDirectoryAuthority: 'https://login.microsoftonline.us/',
    ResourceManagerUrl: 'https://management.usgovcloudapi.net/',
    ActiveDirectoryServiceEndpointResourceId: 'https://management.core.usgovcloudapi.net/',
    ServiceManagementUrl: 'https://management.core.usgovcloudapi.net/',
    GraphUrl: 'https://graph.microsoftazure.us/',
    GraphEndpointResourceId: 'https://graph.microsoftazure.us/',
    MicrosoftGraphUrl: 'https://graph.microsoft.us',
    MicrosoftGraphEndpointResourceId: 'https://graph.microsoft.us/',
    ManagementPortalUrl: 'https://portal.azure.us/',
    GalleryUrl: 'https://gallery.azure.com/',
    PublishSettingsFileUrl: 'https://manage.windowsazure.us/publishsettings/index',
    StorageEndpointSuffix: 'core.usgovcloudapi.net',
    SqlDatabaseDnsSuffix: '.database.usgovcloudapi.net',
    TrafficManagerDnsSuffix: 'usgovtrafficmanager.net',
    AzureKeyVaultDnsSuffix: 'vault.usgovcloudapi.net',
    AzureKeyVaultServiceEndpointResourceId: 'https://vault.usgovcloudapi.net',
    ContainerRegistryEndpointSuffix: 'azurecr.us',
    BatchEndpointResourceId: 'https://batch.core.usgovcloudapi.net/',
    AzureOperationalInsightsEndpoint: 'https://api.loganalytics.us/v1',
    AzureOperationalInsightsEndpointResourceId: 'https://api.loganalytics.us',
    AzureAnalysisServicesEndpointSuffix: 'asazure.usgovcloudapi.net',
    AnalysisServicesEndpointResourceId: 'https://region.asazure.usgovcloudapi.net',
    AzureSynapseAnalyticsEndpointSuffix: 'dev.azuresynapse.usgovcloudapi.net',
    AzureSynapseAnalyticsEndpointResourceId: 'https://dev.azuresynapse.usgovcloudapi.net',
    AdTenant: 'Common',
    EnableAdfsAuthentication: false,
  },
];

export const DEFAULT_ENVIRONMENT = 'AzureCloud';

/** The public clouds, and the local cloud on the port it runs on (or will run on). */
export function builtInEnvironments(localCloudPort = DEFAULT_EMULATOR_PORT): EnvironmentView[] {
  return [...BUILT_IN, localCloudEnvironment(localCloudPort) as EnvironmentRecord].map((e) => ({ ...e, Type: 'Built-in' as const }));
}

export function isBuiltIn(name: string): boolean {
  return builtInEnvironments().some((e) => sameName(e.Name, name));
}

const withTypes = (userDefined: readonly EnvironmentRecord[], localCloudPort?: number): EnvironmentView[] => [
  ...builtInEnvironments(localCloudPort),
  ...userDefined.map((e) => ({ ...e, Type: 'User-defined' as const })),
];

/** Every environment, built-ins first, each with every field present (null when unknown). */
export function allEnvironments(userDefined: readonly EnvironmentRecord[], localCloudPort?: number): EnvironmentView[] {
  return withTypes(userDefined, localCloudPort).map(complete);
}

/** The first environment of allEnvironments with this name; only it is completed (get-context shows one per context). */
export function findEnvironment(userDefined: readonly EnvironmentRecord[], name: string, localCloudPort?: number): EnvironmentView | undefined {
  const found = withTypes(userDefined, localCloudPort).find((e) => sameName(e.Name, name));
  return found && complete(found);
}

function complete(e: EnvironmentView): EnvironmentView {
  const out: Record<string, unknown> = { Name: e.Name, Type: e.Type };
  for (const field of ENVIRONMENT_FIELDS) out[field.name] = (e as unknown as Record<string, unknown>)[field.name] ?? null;
  return out as unknown as EnvironmentView;
}

/** Az normalises these on discovery; doing it on every input keeps stored values comparable. */
export function normaliseEndpoint(field: string, value: string): string {
  if (field === 'SqlDatabaseDnsSuffix' && value && !value.startsWith('.')) return `.${value}`;
  if ((field === 'ServiceManagementUrl' || field === 'ActiveDirectoryAuthority' || field === 'ResourceManagerUrl') && !value.endsWith('/')) return `${value}/`;
  return value;
}

/**
 * Accepts https URLs anywhere, and http only on the loopback interface (a local test cloud):
 * tokens must never travel in clear text to another machine.
 */
export function checkEndpointUrl(field: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail.InvalidEndpointUrl(`${field} must be an absolute URL such as https://management.example.com/; got "${value}".`, { target: field });
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw fail.InsecureEndpointUrl(`${field} must use https (http is accepted only for 127.0.0.1 and localhost); got "${value}".`, { target: field });
  }
  if (url.username || url.password) throw fail.InvalidEndpointUrl(`${field} must not contain a user name or password.`, { target: field });
}

interface ArmMetadata {
  name?: string;
  portal?: string;
  portalEndpoint?: string;
  resourceManager?: string;
  authentication?: { loginEndpoint?: string; audiences?: string[]; tenant?: string; identityProvider?: string };
  graph?: string;
  graphEndpoint?: string;
  graphAudience?: string;
  gallery?: string;
  galleryEndpoint?: string;
  microsoftGraphResourceId?: string;
  batch?: string;
  activeDirectoryDataLake?: string;
  logAnalyticsResourceId?: string;
  attestationResourceId?: string;
  synapseAnalyticsResourceId?: string;
  suffixes?: Record<string, string | undefined>;
}

/**
 * Builds an environment from an ARM metadata document: the 2022-09-01 array shape (one entry per
 * cloud; the one whose resourceManager is `armUrl` wins) or the older single-object shape.
 */
export function environmentFromArmMetadata(name: string, armUrl: string, document: unknown): EnvironmentRecord {
  const entries = (Array.isArray(document) ? document : [document]).filter((e): e is ArmMetadata => !!e && typeof e === 'object');
  const wanted = armUrl.replace(/\/+$/, '').toLowerCase();
  const entry = entries.find((e) => (e.resourceManager ?? '').replace(/\/+$/, '').toLowerCase() === wanted) ?? entries[0];
  const login = entry?.authentication?.loginEndpoint;
  const audience = entry?.authentication?.audiences?.[0];
  if (!entry || !login || !audience) {
    throw fail.InvalidArmMetadata(`The metadata from ${armUrl} has no authentication.loginEndpoint or audiences; it does not describe an Azure cloud. Check the ARM endpoint, or give the endpoints with --active-directory-authority and friends.`, { target: 'ARMEndpoint' });
  }
  const suffix = entry.suffixes ?? {};
  const record: Record<string, string | boolean | undefined> = {
    Name: name,
    ResourceManagerUrl: entry.resourceManager ?? armUrl,
    ActiveDirectoryAuthority: login,
    ActiveDirectoryServiceEndpointResourceId: audience,
    ServiceManagementUrl: audience,
    ManagementPortalUrl: entry.portal ?? entry.portalEndpoint,
    GalleryUrl: entry.gallery ?? entry.galleryEndpoint,
    GraphUrl: entry.graph ?? entry.graphEndpoint,
    GraphEndpointResourceId: entry.graphAudience ?? entry.graph ?? entry.graphEndpoint,
    MicrosoftGraphEndpointResourceId: entry.microsoftGraphResourceId,
    MicrosoftGraphUrl: entry.microsoftGraphResourceId?.replace(/\/+$/, ''),
    BatchEndpointResourceId: entry.batch,
    DataLakeEndpointResourceId: entry.activeDirectoryDataLake,
    AzureOperationalInsightsEndpointResourceId: entry.logAnalyticsResourceId,
    AzureOperationalInsightsEndpoint: entry.logAnalyticsResourceId ? `${entry.logAnalyticsResourceId.replace(/\/+$/, '')}/v1` : undefined,
    AzureAttestationServiceEndpointResourceId: entry.attestationResourceId,
    AzureSynapseAnalyticsEndpointResourceId: entry.synapseAnalyticsResourceId,
    StorageEndpointSuffix: suffix.storage,
    SqlDatabaseDnsSuffix: suffix.sqlServerHostname,
    AzureKeyVaultDnsSuffix: suffix.keyVaultDns,
    ContainerRegistryEndpointSuffix: suffix.acrLoginServer,
    AzureDataLakeStoreFileSystemEndpointSuffix: suffix.azureDataLakeStoreFileSystem,
    AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix: suffix.azureDataLakeAnalyticsCatalogAndJob,
    AzureSynapseAnalyticsEndpointSuffix: suffix.synapseAnalytics,
    AzureAttestationServiceEndpointSuffix: suffix.attestationEndpoint,
    AzureKeyVaultServiceEndpointResourceId: suffix.keyVaultDns ? `https://${suffix.keyVaultDns}` : undefined,
    AdTenant: entry.authentication?.tenant ?? 'Common',
    EnableAdfsAuthentication: (entry.authentication?.identityProvider ?? 'AAD').toUpperCase() === 'ADFS',
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || value === '') continue;
    if (typeof value === 'string' && key !== 'Name') {
      const field = ENVIRONMENT_FIELDS.find((f) => f.name === key);
      if (field?.kind === 'url') checkEndpointUrl(key, value);
      out[key] = normaliseEndpoint(key, value);
    } else out[key] = value;
  }
  return out as unknown as EnvironmentRecord;
}

/**
 * A stored environment gets the rules add-environment input gets before any token is sent to it:
 * an edited profile (ResourceManagerUrl http://127.0.0.2:...) made get-subscription send a bearer
 * token in clear text. set-environment and remove-environment still work on it, to fix it.
 */
function checkStoredEndpoints(environment: EnvironmentView, configDir: string): void {
  for (const field of ENVIRONMENT_FIELDS) {
    const value = (environment as unknown as Record<string, unknown>)[field.name];
    if (field.kind !== 'url' || value === null || value === undefined) continue;
    try {
      if (typeof value !== 'string') throw new Error('not text');
      checkEndpointUrl(field.name, value);
    } catch (error) {
      const why = error instanceof Error && error.message !== 'not text' ? error.message : `${field.name} must be a URL.`;
      const path = join(configDir, 'profile.json');
      throw fail.StateFileInvalid(`The environment "${environment.Name}" stored in ${path} cannot be used: ${why} ` +
          `Fix it with myaccount set-environment "${environment.Name}" --${kebab(field.name)} https://..., or remove it with remove-environment.`, { target: path, details: [{ environment: environment.Name, field: field.name }] });
    }
  }
}

const kebab = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** The environment a command asked for (the default one if none), or why it cannot be used. */
export function resolveEnvironment(profile: Profile, ctx: Pick<CommandContext, 'configDir'>, name: string | undefined): EnvironmentView {
  const port = runningLocalCloudPort(ctx);
  const wanted = name ?? DEFAULT_ENVIRONMENT;
  const environment = findEnvironment(profile.environments, wanted, port);
  if (!environment) {
    throw fail.UnknownEnvironment(`There is no environment named "${wanted}". Run myaccount get-environment to see them, or add it with add-environment.`, { target: 'Environment' });
  }
  if (environment.Type === 'User-defined') checkStoredEndpoints(environment, ctx.configDir);
  if (environment.Name === LOCAL_CLOUD_NAME && port === undefined) {
    throw fail.LocalCloudNotRunning('The local cloud is not running. Start it with myaccount emulator start --detach, then try again.', { target: 'Environment' });
  }
  return environment;
}
