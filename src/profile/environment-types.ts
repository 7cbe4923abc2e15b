/**
 * An Azure environment (cloud): where to sign in, where ARM is, and the resource ids and DNS
 * suffixes of the data-plane services. Property names match Az's PSAzureEnvironment.
 */
export const ENVIRONMENT_FIELDS = [
  { name: 'ActiveDirectoryAuthority', kind: 'url', aliases: ['ActiveDirectoryEndpoint', 'AdEndpointUrl', 'ActiveDirectory'], help: 'The Microsoft Entra ID (login) endpoint, e.g. https://login.microsoftonline.com/.' },
  { name: 'ResourceManagerUrl', kind: 'url', aliases: ['ResourceManagerEndpoint', 'ResourceManager'], help: 'The Azure Resource Manager endpoint, e.g. https://management.azure.com/.' },
  { name: 'ActiveDirectoryServiceEndpointResourceId', kind: 'url', aliases: [], help: 'The audience of Azure Resource Manager tokens, e.g. https://management.core.windows.net/.' },
  { name: 'ServiceManagementUrl', kind: 'url', aliases: ['ServiceEndpoint', 'ServiceManagement'], help: 'The classic service management endpoint.' },
  { name: 'GraphUrl', kind: 'url', aliases: ['GraphEndpoint', 'Graph'], help: 'The Azure AD Graph endpoint.' },
  { name: 'GraphEndpointResourceId', kind: 'url', aliases: ['GraphAudience', 'GraphResourceId'], help: 'The audience of Azure AD Graph tokens.' },
  { name: 'MicrosoftGraphUrl', kind: 'url', aliases: [], help: 'The Microsoft Graph endpoint.' },
  { name: 'MicrosoftGraphEndpointResourceId', kind: 'url', aliases: [], help: 'The audience of Microsoft Graph tokens.' },
  { name: 'ManagementPortalUrl', kind: 'url', aliases: [], help: 'The Azure portal.' },
  { name: 'GalleryUrl', kind: 'url', aliases: ['GalleryEndpoint', 'Gallery'], help: 'The gallery endpoint.' },
  { name: 'PublishSettingsFileUrl', kind: 'url', aliases: [], help: 'Where publish settings files are downloaded.' },
  { name: 'StorageEndpointSuffix', kind: 'suffix', aliases: ['StorageEndpoint'], help: 'The DNS suffix of storage accounts, e.g. core.windows.net.' },
  { name: 'SqlDatabaseDnsSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of SQL databases, e.g. .database.windows.net.' },
  { name: 'TrafficManagerDnsSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of Traffic Manager profiles.' },
  { name: 'AzureKeyVaultDnsSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of key vaults, e.g. vault.azure.net.' },
  { name: 'AzureKeyVaultServiceEndpointResourceId', kind: 'url', aliases: [], help: 'The audience of Key Vault tokens.' },
  { name: 'ContainerRegistryEndpointSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of container registries.' },
  { name: 'BatchEndpointResourceId', kind: 'url', aliases: ['BatchResourceId', 'BatchAudience'], help: 'The audience of Batch tokens.' },
  { name: 'DataLakeEndpointResourceId', kind: 'url', aliases: ['DataLakeAudience', 'DataLakeResourceId'], help: 'The audience of Data Lake tokens.' },
  { name: 'AzureDataLakeStoreFileSystemEndpointSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of Data Lake Store.' },
  { name: 'AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of Data Lake Analytics.' },
  { name: 'AzureOperationalInsightsEndpoint', kind: 'url', aliases: [], help: 'The Log Analytics query endpoint.' },
  { name: 'AzureOperationalInsightsEndpointResourceId', kind: 'url', aliases: [], help: 'The audience of Log Analytics tokens.' },
  { name: 'AzureAnalysisServicesEndpointSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of Analysis Services.' },
  { name: 'AnalysisServicesEndpointResourceId', kind: 'url', aliases: [], help: 'The audience of Analysis Services tokens.' },
  { name: 'AzureAttestationServiceEndpointSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of Attestation.' },
  { name: 'AzureAttestationServiceEndpointResourceId', kind: 'url', aliases: [], help: 'The audience of Attestation tokens.' },
  { name: 'AzureSynapseAnalyticsEndpointSuffix', kind: 'suffix', aliases: [], help: 'The DNS suffix of Synapse Analytics.' },
  { name: 'AzureSynapseAnalyticsEndpointResourceId', kind: 'url', aliases: [], help: 'The audience of Synapse Analytics tokens.' },
  { name: 'AdTenant', kind: 'text', aliases: [], help: 'The tenant people sign in to when none is given (usually Common).' },
  { name: 'EnableAdfsAuthentication', kind: 'bool', aliases: ['OnPremise'], help: 'The authority is AD FS (Azure Stack) rather than Microsoft Entra ID.' },
] as const;

export type EnvironmentField = (typeof ENVIRONMENT_FIELDS)[number]['name'];

export type EnvironmentType = 'Built-in' | 'User-defined';

export type EnvironmentEndpoints = Partial<Record<Exclude<EnvironmentField, 'EnableAdfsAuthentication'>, string>> & {
  EnableAdfsAuthentication?: boolean;
};

export interface EnvironmentRecord extends EnvironmentEndpoints {
  Name: string;
}

export interface EnvironmentView extends EnvironmentRecord {
  Type: EnvironmentType;
}
