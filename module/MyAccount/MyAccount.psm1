# MyAccount 0.1.0: generated from the command registry by scripts/generate/module.ts. Do not edit.
#Requires -Version 7.4
Set-StrictMode -Version 3.0

# The module's PowerShell part, written once. The cmdlets, and running the CLI (its JSON input, its
# events as PowerShell streams, its result as typed objects, its error document as an ErrorRecord),
# are compiled, in MyAccount.Helper.dll (scripts/generate/module-helper-cs/): compiled once at
# build, where script would be compiled by every new session. Here: what PowerShell does best (the
# subscription picker's table and prompt, and writing a line whose stream asks to Inquire).
# Source: scripts/generate/module-helper.ps1, which the generator embeds in the psm1 as it is.

#region Private

# The CLI sits beside this module in the package: <package>/module/MyAccount and <package>/bin.
$script:MyAccountCli = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'bin', 'myaccount.js'))

function Write-MyAccountContinued {
    # Writes through its own runtime, whose preferences the call sets to Continue; the records join
    # the caller's streams like those of any command it runs.
    [CmdletBinding()]
    param([string] $Stream, $Message, [string[]] $Tags)
    switch ($Stream) {
        'Warning' { $PSCmdlet.WriteWarning($Message) }
        'Verbose' { $PSCmdlet.WriteVerbose($Message) }
        'Debug' { $PSCmdlet.WriteDebug($Message) }
        'Information' { $PSCmdlet.WriteInformation($Message, $Tags) }
    }
}

function Invoke-MyAccountSubscriptionPicker {
    # Connect's subscription picker (LoginExperienceV2). The CLI cannot ask (its input is the
    # module's JSON), so it says when the picker was due (PickerSkipped) and PowerShell asks.
    param(
        [Parameter(ValueFromPipeline)] $Result,
        [System.Collections.IDictionary] $Bound,
        [System.Management.Automation.PSCmdlet] $Caller
    )
    process {
        if (-not $Result.PickerSkipped -or -not $script:Cli.IsPromptable()) { return $Result }
        $tenantNames = @{}
        foreach ($tenant in $Result.Tenants) { $tenantNames[$tenant.Id] = if ($tenant.Name) { $tenant.Name } else { $tenant.Id } }
        $current = $Result.Context.Subscription
        $rows = @($Result.Subscriptions | Sort-Object -Property @{ Expression = { $tenantNames[$_.TenantId] } }, Name, Id)
        $number = 0
        $table = foreach ($row in $rows) {
            $number++
            $marked = $current -and $row.Id -eq $current.Id -and $row.TenantId -eq $current.TenantId
            [pscustomobject]@{ No = '{0}[{1}]' -f $(if ($marked) { '*' } else { ' ' }), $number; 'Subscription name' = $row.Name; 'Subscription ID' = $row.Id; 'Tenant name' = $tenantNames[$row.TenantId] }
        }
        Write-Host ''
        Write-Host '[Tenant and subscription selection]'
        $table | Format-Table -AutoSize | Out-Host
        $chosen = $null
        for ($attempt = 0; $attempt -lt 5 -and -not $chosen; $attempt++) {
            $answer = "$(Read-Host 'Select a subscription by its number (Enter for the one marked *)')".Trim()
            if ($answer -eq '') { return $Result }
            $n = 0
            if (-not [int]::TryParse($answer, [ref]$n)) { $Caller.WriteWarning(('"{0}" is not a number. Type the number of a subscription from the list.' -f $answer)); continue }
            if ($n -lt 1 -or $n -gt $rows.Count) { $Caller.WriteWarning("$n is not in the list. Type a number from 1 to $($rows.Count)."); continue }
            $chosen = $rows[$n - 1]
        }
        if (-not $chosen) {
            $Caller.WriteWarning("No subscription was selected; the default stays $($current.Name). Choose another with Set-MyContext.")
            return $Result
        }
        if ($current -and $chosen.Id -eq $current.Id -and $chosen.TenantId -eq $current.TenantId) { return $Result }
        $select = @{ Subscription = $chosen.Id; Tenant = $chosen.TenantId }
        if ($Bound.ContainsKey('Scope')) { $select.Scope = $Bound['Scope'] }
        # A context named with -ContextName follows the choice.
        if ($Bound.ContainsKey('ContextName')) { $select.Name = $Bound['ContextName']; $select.Force = $true }
        $Result.Context = $script:Cli.Invoke($Caller, 'set-context', $select, 'MyAccount.Context') | Select-Object -First 1
        $Result.PickerSkipped = $false
        $Result
    }
}

#endregion

# The CLI's command and flag names, and what they are called here.
$script:CmdletOfCommand = @{
    'connect' = 'Connect-MyAccount'
    'disconnect' = 'Disconnect-MyAccount'
    'get-access-token' = 'Get-MyAccessToken'
    'get-subscription' = 'Get-MySubscription'
    'get-tenant' = 'Get-MyTenant'
    'rest' = 'Invoke-MyRestMethod'
    'get-context' = 'Get-MyContext'
    'set-context' = 'Set-MyContext'
    'select-context' = 'Select-MyContext'
    'rename-context' = 'Rename-MyContext'
    'remove-context' = 'Remove-MyContext'
    'clear-context' = 'Clear-MyContext'
    'save-context' = 'Save-MyContext'
    'import-context' = 'Import-MyContext'
    'enable-context-autosave' = 'Enable-MyContextAutosave'
    'disable-context-autosave' = 'Disable-MyContextAutosave'
    'get-context-autosave-setting' = 'Get-MyContextAutosaveSetting'
    'get-config' = 'Get-MyConfig'
    'update-config' = 'Update-MyConfig'
    'clear-config' = 'Clear-MyConfig'
    'export-config' = 'Export-MyConfig'
    'import-config' = 'Import-MyConfig'
    'get-environment' = 'Get-MyEnvironment'
    'add-environment' = 'Add-MyEnvironment'
    'set-environment' = 'Set-MyEnvironment'
    'remove-environment' = 'Remove-MyEnvironment'
}
$script:ParameterOfFlag = @{
    'access-token' = 'AccessToken'
    'account-id' = 'AccountId'
    'active-directory-authority' = 'ActiveDirectoryAuthority'
    'active-directory-service-endpoint-resource-id' = 'ActiveDirectoryServiceEndpointResourceId'
    'ad-tenant' = 'AdTenant'
    'all' = 'All'
    'allow-plaintext-token-cache' = 'AllowPlaintextTokenCache'
    'analysis-services-endpoint-resource-id' = 'AnalysisServicesEndpointResourceId'
    'api-version' = 'ApiVersion'
    'application-id' = 'ApplicationId'
    'applies-to' = 'AppliesTo'
    'arm-endpoint' = 'ARMEndpoint'
    'auth-scope' = 'AuthScope'
    'azure-analysis-services-endpoint-suffix' = 'AzureAnalysisServicesEndpointSuffix'
    'azure-attestation-service-endpoint-resource-id' = 'AzureAttestationServiceEndpointResourceId'
    'azure-attestation-service-endpoint-suffix' = 'AzureAttestationServiceEndpointSuffix'
    'azure-data-lake-analytics-catalog-and-job-endpoint-suffix' = 'AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix'
    'azure-data-lake-store-file-system-endpoint-suffix' = 'AzureDataLakeStoreFileSystemEndpointSuffix'
    'azure-key-vault-dns-suffix' = 'AzureKeyVaultDnsSuffix'
    'azure-key-vault-service-endpoint-resource-id' = 'AzureKeyVaultServiceEndpointResourceId'
    'azure-operational-insights-endpoint' = 'AzureOperationalInsightsEndpoint'
    'azure-operational-insights-endpoint-resource-id' = 'AzureOperationalInsightsEndpointResourceId'
    'azure-synapse-analytics-endpoint-resource-id' = 'AzureSynapseAnalyticsEndpointResourceId'
    'azure-synapse-analytics-endpoint-suffix' = 'AzureSynapseAnalyticsEndpointSuffix'
    'batch-endpoint-resource-id' = 'BatchEndpointResourceId'
    'body' = 'Payload'
    'certificate-password' = 'CertificatePassword'
    'certificate-path' = 'CertificatePath'
    'client-id' = 'ClientId'
    'client-secret' = 'ClientSecret'
    'container-registry-endpoint-suffix' = 'ContainerRegistryEndpointSuffix'
    'context-name' = 'ContextName'
    'credential' = 'Credential'
    'data-lake-endpoint-resource-id' = 'DataLakeEndpointResourceId'
    'default-subscription-for-login' = 'DefaultSubscriptionForLogin'
    'device' = 'UseDeviceAuthentication'
    'device-auth' = 'UseDeviceAuthentication'
    'device-code' = 'UseDeviceAuthentication'
    'disable-instance-discovery' = 'DisableInstanceDiscovery'
    'domain' = 'TenantId'
    'enable-adfs-authentication' = 'EnableAdfsAuthentication'
    'enable-login-by-wam' = 'EnableLoginByWam'
    'environment' = 'Environment'
    'federated-token' = 'FederatedToken'
    'federated-token-file' = 'FederatedTokenFile'
    'force' = 'Force'
    'gallery-url' = 'GalleryUrl'
    'graph-endpoint-resource-id' = 'GraphEndpointResourceId'
    'graph-url' = 'GraphUrl'
    'identity' = 'Identity'
    'list-available' = 'ListAvailable'
    'login-experience-v2' = 'LoginExperienceV2'
    'management-portal-url' = 'ManagementPortalUrl'
    'max-context-population' = 'MaxContextPopulation'
    'method' = 'Method'
    'microsoft-graph-endpoint-resource-id' = 'MicrosoftGraphEndpointResourceId'
    'microsoft-graph-url' = 'MicrosoftGraphUrl'
    'name' = 'Name'
    'next-link-name' = 'NextLinkName'
    'pageable-item-name' = 'PageableItemName'
    'paginate' = 'Paginate'
    'pass-thru' = 'PassThru'
    'path' = 'Path'
    'payload' = 'Payload'
    'publish-settings-file-url' = 'PublishSettingsFileUrl'
    'refresh-context-from-token-cache' = 'RefreshContextFromTokenCache'
    'resource' = 'ResourceUrl'
    'resource-id' = 'ResourceId'
    'resource-manager-url' = 'ResourceManagerUrl'
    'resource-type-name' = 'ResourceTypeName'
    'resource-url' = 'ResourceUrl'
    'scope' = 'Scope'
    'send-certificate-chain' = 'SendCertificateChain'
    'service-management-url' = 'ServiceManagementUrl'
    'service-principal' = 'ServicePrincipal'
    'skip-context-population' = 'SkipContextPopulation'
    'source-name' = 'SourceName'
    'sql-database-dns-suffix' = 'SqlDatabaseDnsSuffix'
    'storage-endpoint-suffix' = 'StorageEndpointSuffix'
    'subscription' = 'Subscription'
    'subscription-id' = 'SubscriptionId'
    'subscription-name' = 'SubscriptionName'
    'target-name' = 'TargetName'
    'tenant' = 'Tenant'
    'tenant-concurrency' = 'TenantConcurrency'
    'tenant-id' = 'TenantId'
    'timeout' = 'Timeout'
    'traffic-manager-dns-suffix' = 'TrafficManagerDnsSuffix'
    'uri' = 'Uri'
    'url' = 'Uri'
    'use-device-authentication' = 'UseDeviceAuthentication'
    'username' = 'Username'
    'wait-for-completion' = 'WaitForCompletion'
}

# Variables whose presence means a CI job, where nobody answers a prompt (src/core/ci.ts).
$script:CiVariables = @('CI', 'TF_BUILD', 'GITHUB_ACTIONS', 'BUILD_BUILDID', 'JENKINS_URL')

# The parameters each cmdlet passes to the CLI (common parameters are not among them).
$script:Parameters = @{
    'Connect-MyAccount' = @('Environment', 'Tenant', 'Subscription', 'AccountId', 'UseDeviceAuthentication', 'Credential', 'ServicePrincipal', 'ApplicationId', 'ClientSecret', 'CertificatePath', 'CertificatePassword', 'SendCertificateChain', 'FederatedToken', 'FederatedTokenFile', 'Identity', 'AccessToken', 'AuthScope', 'ContextName', 'SkipContextPopulation', 'MaxContextPopulation', 'Force', 'Scope', 'Timeout')
    'Disconnect-MyAccount' = @('ContextName', 'Username', 'All')
    'Get-MyAccessToken' = @('ResourceTypeName', 'ResourceUrl', 'TenantId', 'ContextName')
    'Get-MySubscription' = @('SubscriptionId', 'SubscriptionName', 'TenantId', 'ContextName')
    'Get-MyTenant' = @('TenantId', 'ContextName')
    'Invoke-MyRestMethod' = @('Path', 'Uri', 'ResourceId', 'Method', 'ApiVersion', 'Payload', 'WaitForCompletion', 'Paginate', 'NextLinkName', 'PageableItemName', 'ContextName')
    'Get-MyContext' = @('Name', 'ListAvailable', 'RefreshContextFromTokenCache')
    'Set-MyContext' = @('Subscription', 'Tenant', 'Name', 'Scope', 'Force')
    'Select-MyContext' = @('Name', 'Scope')
    'Rename-MyContext' = @('SourceName', 'TargetName', 'Force', 'PassThru')
    'Remove-MyContext' = @('Name', 'Force', 'PassThru')
    'Clear-MyContext' = @('Scope', 'PassThru', 'Force')
    'Save-MyContext' = @('Path', 'Name', 'All', 'Force')
    'Import-MyContext' = @('Path', 'Scope')
    'Enable-MyContextAutosave' = @('Scope')
    'Disable-MyContextAutosave' = @('Scope')
    'Get-MyContextAutosaveSetting' = @('Scope')
    'Get-MyConfig' = @('EnableLoginByWam', 'DefaultSubscriptionForLogin', 'LoginExperienceV2', 'DisableInstanceDiscovery', 'AllowPlaintextTokenCache', 'TenantConcurrency', 'ClientId', 'Scope')
    'Update-MyConfig' = @('EnableLoginByWam', 'DefaultSubscriptionForLogin', 'LoginExperienceV2', 'DisableInstanceDiscovery', 'AllowPlaintextTokenCache', 'TenantConcurrency', 'ClientId', 'Scope', 'AppliesTo')
    'Clear-MyConfig' = @('EnableLoginByWam', 'DefaultSubscriptionForLogin', 'LoginExperienceV2', 'DisableInstanceDiscovery', 'AllowPlaintextTokenCache', 'TenantConcurrency', 'ClientId', 'Scope', 'Force', 'PassThru')
    'Export-MyConfig' = @('Path', 'Force')
    'Import-MyConfig' = @('Path')
    'Get-MyEnvironment' = @('Name')
    'Add-MyEnvironment' = @('Name', 'ARMEndpoint', 'ActiveDirectoryAuthority', 'ResourceManagerUrl', 'ActiveDirectoryServiceEndpointResourceId', 'ServiceManagementUrl', 'GraphUrl', 'GraphEndpointResourceId', 'MicrosoftGraphUrl', 'MicrosoftGraphEndpointResourceId', 'ManagementPortalUrl', 'GalleryUrl', 'PublishSettingsFileUrl', 'StorageEndpointSuffix', 'SqlDatabaseDnsSuffix', 'TrafficManagerDnsSuffix', 'AzureKeyVaultDnsSuffix', 'AzureKeyVaultServiceEndpointResourceId', 'ContainerRegistryEndpointSuffix', 'BatchEndpointResourceId', 'DataLakeEndpointResourceId', 'AzureDataLakeStoreFileSystemEndpointSuffix', 'AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix', 'AzureOperationalInsightsEndpoint', 'AzureOperationalInsightsEndpointResourceId', 'AzureAnalysisServicesEndpointSuffix', 'AnalysisServicesEndpointResourceId', 'AzureAttestationServiceEndpointSuffix', 'AzureAttestationServiceEndpointResourceId', 'AzureSynapseAnalyticsEndpointSuffix', 'AzureSynapseAnalyticsEndpointResourceId', 'AdTenant', 'EnableAdfsAuthentication')
    'Set-MyEnvironment' = @('Name', 'ARMEndpoint', 'ActiveDirectoryAuthority', 'ResourceManagerUrl', 'ActiveDirectoryServiceEndpointResourceId', 'ServiceManagementUrl', 'GraphUrl', 'GraphEndpointResourceId', 'MicrosoftGraphUrl', 'MicrosoftGraphEndpointResourceId', 'ManagementPortalUrl', 'GalleryUrl', 'PublishSettingsFileUrl', 'StorageEndpointSuffix', 'SqlDatabaseDnsSuffix', 'TrafficManagerDnsSuffix', 'AzureKeyVaultDnsSuffix', 'AzureKeyVaultServiceEndpointResourceId', 'ContainerRegistryEndpointSuffix', 'BatchEndpointResourceId', 'DataLakeEndpointResourceId', 'AzureDataLakeStoreFileSystemEndpointSuffix', 'AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix', 'AzureOperationalInsightsEndpoint', 'AzureOperationalInsightsEndpointResourceId', 'AzureAnalysisServicesEndpointSuffix', 'AnalysisServicesEndpointResourceId', 'AzureAttestationServiceEndpointSuffix', 'AzureAttestationServiceEndpointResourceId', 'AzureSynapseAnalyticsEndpointSuffix', 'AzureSynapseAnalyticsEndpointResourceId', 'AdTenant', 'EnableAdfsAuthentication')
    'Remove-MyEnvironment' = @('Name', 'PassThru')
}

# File path parameters, resolved against PowerShell's current location before the CLI sees them.
$script:PathParameters = @{
    'Connect-MyAccount' = @('CertificatePath', 'FederatedTokenFile')
    'Save-MyContext' = @('Path')
    'Import-MyContext' = @('Path')
    'Export-MyConfig' = @('Path')
    'Import-MyConfig' = @('Path')
}

# Nested objects' type names by result type and path (scripts/generate/types.ts).
$script:NestedTypes = @{
    'MyAccount.Context' = [ordered]@{ 'Account' = 'MyAccount.Account'; 'Environment' = 'MyAccount.Environment'; 'Subscription' = 'MyAccount.Subscription'; 'Tenant' = 'MyAccount.Tenant' }
    'MyAccount.Profile' = [ordered]@{ 'Context' = 'MyAccount.Context'; 'Context.Account' = 'MyAccount.Account'; 'Context.Environment' = 'MyAccount.Environment'; 'Context.Subscription' = 'MyAccount.Subscription'; 'Context.Tenant' = 'MyAccount.Tenant'; 'Subscriptions' = 'MyAccount.Subscription' }
}

# The helper that runs the CLI for every cmdlet (in MyAccount.Helper.dll, the module's cmdlets,
# which the manifest loads first). The script block is how it writes a line whose stream asks to
# Inquire: through Write-MyAccountContinued, whose own preferences are Continue.
$script:Cli = [MyAccount.Helper.Cli]::new($ExecutionContext.SessionState, $script:MyAccountCli, $script:Parameters, $script:PathParameters, $script:NestedTypes, $script:CmdletOfCommand, $script:ParameterOfFlag, $script:CiVariables, {
        param($Stream, $Message, $Tags)
        Write-MyAccountContinued -Stream $Stream -Message $Message -Tags $Tags -Verbose -Debug -WarningAction Continue -InformationAction Continue
    })
