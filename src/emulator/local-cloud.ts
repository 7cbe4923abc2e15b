/**
 * The local cloud described as an Azure environment (Az's PSAzureEnvironment fields) and as an
 * ARM `/metadata/endpoints` document. Every URL points at the emulator, so nothing configured
 * from it reaches the internet; resource ids (token audiences) stay those of the public cloud,
 * because clients compute scopes from them and the emulator issues tokens for them.
 */
import { DEFAULT_EMULATOR_PORT } from './constants.js';

export const LOCAL_CLOUD_NAME = 'LocalCloud';

export interface LocalCloudEnvironment {
  Name: string;
  ActiveDirectoryAuthority: string;
  ResourceManagerUrl: string;
  ActiveDirectoryServiceEndpointResourceId: string;
  ServiceManagementUrl: string;
  GraphUrl: string;
  GraphEndpointResourceId: string;
  MicrosoftGraphUrl: string;
  MicrosoftGraphEndpointResourceId: string;
  ManagementPortalUrl: string;
  GalleryUrl: string;
  StorageEndpointSuffix: string;
  SqlDatabaseDnsSuffix: string;
  AzureKeyVaultDnsSuffix: string;
  AzureKeyVaultServiceEndpointResourceId: string;
  ContainerRegistryEndpointSuffix: string;
  BatchEndpointResourceId: string;
  DataLakeEndpointResourceId: string;
  AzureOperationalInsightsEndpointResourceId: string;
  AzureAttestationServiceEndpointResourceId: string;
  AzureSynapseAnalyticsEndpointResourceId: string;
  AdTenant: string;
  EnableAdfsAuthentication: boolean;
}

export function localCloudBaseUrl(port: number = DEFAULT_EMULATOR_PORT): string {
  return `https://127.0.0.1:${port}`;
}

export function localCloudEnvironment(port: number = DEFAULT_EMULATOR_PORT): LocalCloudEnvironment {
  const base = `${localCloudBaseUrl(port)}/`;
  return {
    Name: LOCAL_CLOUD_NAME,
    ActiveDirectoryAuthority: base,
    ResourceManagerUrl: base,
    ActiveDirectoryServiceEndpointResourceId: 'https://management.core.windows.net/',
    ServiceManagementUrl: 'https://management.core.windows.net/',
    GraphUrl: base,
    GraphEndpointResourceId: 'https://graph.windows.net/',
    MicrosoftGraphUrl: localCloudBaseUrl(port),
    MicrosoftGraphEndpointResourceId: 'https://graph.microsoft.com/',
    ManagementPortalUrl: base,
    GalleryUrl: base,
    StorageEndpointSuffix: 'core.windows.net',
    SqlDatabaseDnsSuffix: '.database.windows.net',
    AzureKeyVaultDnsSuffix: 'vault.azure.net',
    AzureKeyVaultServiceEndpointResourceId: 'https://vault.azure.net',
    ContainerRegistryEndpointSuffix: 'azurecr.io',
    BatchEndpointResourceId: 'https://batch.core.windows.net/',
    DataLakeEndpointResourceId: 'https://datalake.azure.net/',
    AzureOperationalInsightsEndpointResourceId: 'https://api.loganalytics.io',
    AzureAttestationServiceEndpointResourceId: 'https://attest.azure.net',
    AzureSynapseAnalyticsEndpointResourceId: 'https://dev.azuresynapse.net',
    AdTenant: 'Common',
    EnableAdfsAuthentication: false,
  };
}

/** The 2022-09-01 (array) shape of GET /metadata/endpoints. */
export function armMetadataArray(port: number): object[] {
  const env = localCloudEnvironment(port);
  return [
    {
      portal: env.ManagementPortalUrl,
      authentication: {
        loginEndpoint: env.ActiveDirectoryAuthority,
        audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
        tenant: 'common',
        identityProvider: 'AAD',
      },
      media: 'https://rest.media.azure.net',
      graphAudience: env.GraphEndpointResourceId,
      graph: env.GraphUrl,
      name: LOCAL_CLOUD_NAME,
      suffixes: {
        azureDataLakeStoreFileSystem: 'azuredatalakestore.net',
        acrLoginServer: env.ContainerRegistryEndpointSuffix,
        sqlServerHostname: env.SqlDatabaseDnsSuffix,
        azureDataLakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
        keyVaultDns: env.AzureKeyVaultDnsSuffix,
        storage: env.StorageEndpointSuffix,
        azureFrontDoorEndpointSuffix: 'azurefd.net',
        storageSyncEndpointSuffix: 'afs.azure.net',
        mhsmDns: 'managedhsm.azure.net',
        mysqlServerEndpoint: 'mysql.database.azure.com',
        postgresqlServerEndpoint: 'postgres.database.azure.com',
        mariadbServerEndpoint: 'mariadb.database.azure.com',
        synapseAnalytics: 'dev.azuresynapse.net',
        attestationEndpoint: 'attest.azure.net',
      },
      batch: env.BatchEndpointResourceId,
      resourceManager: env.ResourceManagerUrl,
      vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/arm-compute/quickstart-templates/aliases.json',
      activeDirectoryDataLake: env.DataLakeEndpointResourceId,
      sqlManagement: 'https://management.core.windows.net:8443/',
      microsoftGraphResourceId: env.MicrosoftGraphEndpointResourceId,
      appInsightsResourceId: 'https://api.applicationinsights.io',
      appInsightsTelemetryChannelResourceId: 'https://dc.applicationinsights.azure.com/v2/track',
      attestationResourceId: env.AzureAttestationServiceEndpointResourceId,
      synapseAnalyticsResourceId: env.AzureSynapseAnalyticsEndpointResourceId,
      logAnalyticsResourceId: env.AzureOperationalInsightsEndpointResourceId,
      ossrDbmsResourceId: 'https://ossrdbms-aad.database.windows.net',
    },
  ];
}

/** The 2015-01-01 (single object) shape, which the Azure CLI's `cloud register` reads. */
export function armMetadataLegacy(port: number): object {
  const env = localCloudEnvironment(port);
  return {
    galleryEndpoint: env.GalleryUrl,
    graphEndpoint: env.GraphUrl,
    portalEndpoint: env.ManagementPortalUrl,
    authentication: { loginEndpoint: env.ActiveDirectoryAuthority, audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'] },
  };
}
