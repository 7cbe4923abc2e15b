/**
 * Fixed facts of the local cloud. The port is fixed because MSAL caches accounts and tokens
 * under host:port; a cloud that moved would orphan every cached sign-in.
 */
export const DEFAULT_EMULATOR_PORT = 47443;

/** Azure PowerShell's well-known public client; MyAccount signs people in as this app. */
export const DEFAULT_CLIENT_ID = '1950a258-227b-4e31-a9cf-717495945fc2';
/** The Azure CLI's well-known public client, registered so `az` can sign in too. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** The audience ARM tokens carry (Az's ActiveDirectoryServiceEndpointResourceId). */
export const ARM_AUDIENCE = 'https://management.core.windows.net/';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** Audiences ARM accepts, as the real service does. */
export const ARM_AUDIENCES: readonly string[] = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
];

/** The real consumers (MSA) tenant id; the local cloud has no consumer accounts. */
export const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

export const ADMIN_KEY_HEADER = 'x-local-cloud-admin-key';

export const EMULATOR_NAME = 'MyAccount local cloud';
export const EMULATOR_VERSION = '1';

export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const GUID_RE = new RegExp(GUID_PATTERN);
