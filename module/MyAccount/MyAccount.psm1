# MyAccount 0.1.0: generated from the command registry by scripts/generate/module.ts. Do not edit.
#Requires -Version 7.4
Set-StrictMode -Version 3.0

# The module's private part, written once. Running the CLI (its JSON input, its events as
# PowerShell streams, its result as typed objects, its error document as an ErrorRecord) is the
# compiled helper's, MyAccount.Helper.dll (scripts/generate/module-helper-cs/): compiled once at
# build, where this script would be compiled by every new session on its first call. Here: what
# only PowerShell can do (prompts, pipeline input, -DefaultProfile).
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

function Add-MyAccountObjectInput {
    # An object from the pipeline (Az's -InputObject, -Context, -SubscriptionObject, -TenantObject)
    # becomes the command's input: each mapped property of it, unless that input was given by name.
    param([System.Collections.IDictionary] $Bound, [string] $Name, [System.Collections.IDictionary] $Map)
    $object = $Bound[$Name]
    $Bound.Remove($Name)
    foreach ($key in $Map.Keys) {
        if ($Bound.ContainsKey($key)) { continue }
        $value = $object
        foreach ($step in $Map[$key].Split('.')) {
            if ($null -eq $value) { break }
            $property = $value.PSObject.Properties[$step]
            $value = if ($property) { $property.Value } else { $null }
        }
        if ($null -ne $value -and "$value" -ne '') { $Bound[$key] = [string]$value }
    }
}

function Resolve-MyAccountDefaultProfile {
    # Az's -DefaultProfile, for one call: a context object (Get-MyContext), the result of
    # Connect-MyAccount (its Context), or a context name, becomes the command's context-name input
    # ($Target). Nothing is selected: the default context stays as it is.
    param([System.Collections.IDictionary] $Bound, [string] $Target, [System.Management.Automation.PSCmdlet] $Caller)
    if (-not $Bound.ContainsKey('DefaultProfile')) { return }
    $value = $Bound['DefaultProfile']
    $Bound.Remove('DefaultProfile')
    $name = $null
    if ($null -ne $value) {
        $base = if ($value -is [psobject]) { $value.PSObject.BaseObject } else { $value }
        if ($base -is [string]) { $name = $base }
        elseif ($value.PSObject.TypeNames -contains 'MyAccount.Context' -and $value.PSObject.Properties['Name']) { $name = [string]$value.Name }
        elseif ($value.PSObject.Properties['Context'] -and $value.Context -and $value.Context.PSObject.Properties['Name']) { $name = [string]$value.Context.Name }
    }
    $problem = if (-not $name) {
        $kind = if ($null -eq $value) { 'nothing' } else { "a $($value.GetType().Name)$(if ($value.PSObject.TypeNames.Count) { " ($($value.PSObject.TypeNames[0]))" })" }
        "-DefaultProfile takes a context from Get-MyContext or a context name; it was given $kind."
    }
    elseif ($Bound.ContainsKey($Target) -and "$($Bound[$Target])" -ne $name) {
        "-DefaultProfile names the context '$name' and -$Target names '$($Bound[$Target])'. Give one of them."
    }
    if ($problem) {
        $record = [System.Management.Automation.ErrorRecord]::new([System.ArgumentException]::new($problem), 'InvalidDefaultProfile', [System.Management.Automation.ErrorCategory]::InvalidArgument, 'DefaultProfile')
        $Caller.ThrowTerminatingError($record)
    }
    $Bound[$Target] = $name
}

function Get-MyAccountContextAccount {
    # What Disconnect-MyAccount signs out, for -WhatIf and -Confirm: the account of the named (or
    # default) context, read with one quiet get-context when ShouldProcess will show it. Nothing
    # found (or nothing shown): say which account is meant.
    param([string] $ContextName, [System.Management.Automation.PSCmdlet] $Caller, [System.Management.Automation.ConfirmImpact] $ConfirmImpact)
    $fallback = if ($ContextName) { "the account of context '$ContextName'" } else { 'the account of the default context' }
    if (-not $script:Cli.ShowsShouldProcessTarget($Caller, $ConfirmImpact)) { return $fallback }
    $words = @('get-context')
    if ($ContextName) { $words += @('--name', $ContextName) }
    $context = $script:Cli.Read($words)
    if ($context -and $context.PSObject.Properties['Account'] -and $context.Account) { return $context.Account.Id }
    $fallback
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

# The compiled helper that runs the CLI for every cmdlet (MyAccount.Helper.dll, loaded by the
# manifest). It reads the running cmdlet's preferences through this module's session state. The
# script block is how it writes a line whose stream asks to Inquire: through
# Write-MyAccountContinued, whose own preferences are Continue.
$script:Cli = [MyAccount.Helper.Cli]::new($ExecutionContext.SessionState, $script:MyAccountCli, $script:Parameters, $script:PathParameters, $script:NestedTypes, $script:CmdletOfCommand, $script:ParameterOfFlag, $script:CiVariables, {
        param($Stream, $Message, $Tags)
        Write-MyAccountContinued -Stream $Stream -Message $Message -Tags $Tags -Verbose -Debug -WarningAction Continue -InformationAction Continue
    })

#region Public

function Connect-MyAccount {
    <#
    .SYNOPSIS
        Sign in to Azure: a person (browser, device code, broker, password), a service principal, a managed identity, or an access token.

    .DESCRIPTION
        Signs in through MSAL, lists the tenants the account can reach and every subscription in each (side by side, TenantConcurrency at a time), stores contexts and selects one as the default. People sign in in the browser; where no browser can open (no display, SSH, CI) a device code is used automatically, and with EnableLoginByWam the operating system broker where one is available. Tenants that need multi-factor authentication or fail are reported once, together. The default subscription is -Subscription, else DefaultSubscriptionForLogin, else a picker when a person is at a terminal (LoginExperienceV2), else the first active subscription in its home tenant. Tokens go to the encrypted token cache every MyAccount process shares. Tools built on the Azure SDKs can then use this sign-in: run them with myaccount exec -- <command> (DefaultAzureCredential and ManagedIdentityCredential find a managed identity endpoint for the context), or, in Node.js code, use the npm package's MyAccountCredential (import { MyAccountCredential } from 'myaccount') as the TokenCredential of any Azure SDK client.

    .PARAMETER Environment
        The cloud to sign in to: AzureCloud (default), AzureChinaCloud, AzureUSGovernment, LocalCloud or one you added. Aliases: EnvironmentName.

    .PARAMETER Tenant
        The tenant id or domain. Required for service principals (or AZURE_TENANT_ID); for people, limits the sign-in to that tenant. Aliases: Domain, TenantId.

    .PARAMETER Subscription
        The subscription (id or name) to select. Default: DefaultSubscriptionForLogin, else the picker or the first active one. Aliases: SubscriptionName, SubscriptionId.

    .PARAMETER AccountId
        For people, the account to suggest (login hint); for a managed identity, the client id or resource id of a user-assigned identity; for an access token, whose token it is.

    .PARAMETER UseDeviceAuthentication
        Sign in with a device code on another device instead of the browser. Aliases: DeviceCode, DeviceAuth, Device.

    .PARAMETER Credential
        A user name and password (people; deprecated, no MFA), or with -ServicePrincipal an application id and client secret. Taken as a SecureString; it is passed to the CLI on stdin, never on a command line.

    .PARAMETER ServicePrincipal
        Sign in as a service principal. Alone, it reads AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE.

    .PARAMETER ApplicationId
        The application (client) id of the service principal. Aliases: ClientId.

    .PARAMETER ClientSecret
        The client secret of the service principal. Kept only in the secure store. Taken as a SecureString; it is passed to the CLI on stdin, never on a command line.

    .PARAMETER CertificatePath
        A certificate file of the service principal: PKCS#12 (.pfx) or PEM with its private key.

    .PARAMETER CertificatePassword
        The password of the certificate file. Taken as a SecureString; it is passed to the CLI on stdin, never on a command line.

    .PARAMETER SendCertificateChain
        Send the certificate with each request (subject name and issuer authentication).

    .PARAMETER FederatedToken
        A federated token (OIDC JWT from a CI system) to exchange for tokens. Prefer -FederatedTokenFile, which is read again when the token is rotated. Taken as a SecureString; it is passed to the CLI on stdin, never on a command line. Aliases: ClientAssertion.

    .PARAMETER FederatedTokenFile
        A file holding a federated token; read again whenever a new token is needed, so long jobs keep working.

    .PARAMETER Identity
        Sign in as the managed identity of this machine, container or app (system-assigned, or user-assigned with -AccountId). Aliases: MSI, ManagedService.

    .PARAMETER AccessToken
        An Azure Resource Manager access token to use as it is. It cannot be refreshed. Taken as a SecureString; it is passed to the CLI on stdin, never on a command line.

    .PARAMETER AuthScope
        The audience of the first token, for a service that demands more than Resource Manager (MFA for storage): a resource type (Storage, KeyVault, MSGraph...), an environment property such as MicrosoftGraphEndpointResourceId, or an https resource id. The Resource Manager token follows silently. Not with an access token. Aliases: AuthScopeTypeName.

    .PARAMETER ContextName
        The name of the default context this sign-in creates.

    .PARAMETER SkipContextPopulation
        Store only the default context, not one per subscription.

    .PARAMETER MaxContextPopulation
        How many subscriptions get a context (default 25; -1 for all). Default: 25.

    .PARAMETER Force
        Overwrite a context of the same name (-ContextName) that points elsewhere.

    .PARAMETER Scope
        Process: the new default context applies to this shell only. CurrentUser (default): to every new shell too.

    .PARAMETER Timeout
        Seconds to wait for a person to finish signing in (device code, browser). Default: until the device code expires, 300 s for the browser.

    .EXAMPLE
        Connect-MyAccount

        Sign in in the browser (or by device code where no browser can open).

    .EXAMPLE
        Connect-MyAccount -UseDeviceAuthentication -Tenant contoso.onmicrosoft.com

        Sign in with a device code, to one tenant.

    .EXAMPLE
        Connect-MyAccount -ServicePrincipal

        A service principal in CI, from AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE.

    .EXAMPLE
        Connect-MyAccount -ServicePrincipal -ApplicationId $appId -Tenant $tenant -CertificatePath ./sp.pfx -CertificatePassword $password

        A service principal with a certificate.

    .EXAMPLE
        Connect-MyAccount -Identity -AccountId 00000000-0000-0000-0000-000000000000

        A managed identity (user-assigned, by client id).

    .EXAMPLE
        Connect-MyAccount -Environment LocalCloud -UseDeviceAuthentication

        The local cloud, for trying MyAccount offline.

    .EXAMPLE
        Connect-MyAccount; myaccount exec -- node list-subscriptions.mjs

        Then run a tool built on the Azure SDKs (DefaultAzureCredential) as the signed-in account.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Profile

    .NOTES
        Runs: myaccount connect
    #>
    [Alias('Login-MyAccount', 'Add-MyAccount')]
    [CmdletBinding(DefaultParameterSetName = 'UserWithSubscriptionId', PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('MyAccount.Profile')]
    param(
        [Parameter()]
        [Alias('EnvironmentName')]
        [ArgumentCompleter([MyAccount.Helper.EnvironmentNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Environment,

        [Parameter()]
        [Alias('Domain', 'TenantId')]
        [ArgumentCompleter([MyAccount.Helper.TenantCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Tenant,

        [Parameter()]
        [Alias('SubscriptionName', 'SubscriptionId')]
        [ArgumentCompleter([MyAccount.Helper.SubscriptionCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Subscription,

        [Parameter(ParameterSetName = 'UserWithSubscriptionId')]
        [Parameter(ParameterSetName = 'ManagedService')]
        [Parameter(ParameterSetName = 'AccessToken')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AccountId,

        [Parameter(ParameterSetName = 'UserWithSubscriptionId')]
        [Alias('DeviceCode', 'DeviceAuth', 'Device')]
        [switch] $UseDeviceAuthentication,

        [Parameter(ParameterSetName = 'UserWithCredential', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalWithCredential', Mandatory)]
        [pscredential] $Credential,

        [Parameter(ParameterSetName = 'ServicePrincipalWithCredential', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalWithClientSecret')]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateFile')]
        [Parameter(ParameterSetName = 'ClientAssertion')]
        [Parameter(ParameterSetName = 'ClientAssertionFile')]
        [Parameter(ParameterSetName = 'ServicePrincipalFromEnvironment', Mandatory)]
        [switch] $ServicePrincipal,

        [Parameter(ParameterSetName = 'ServicePrincipalWithClientSecret', Mandatory)]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateFile', Mandatory)]
        [Parameter(ParameterSetName = 'ClientAssertion', Mandatory)]
        [Parameter(ParameterSetName = 'ClientAssertionFile', Mandatory)]
        [Alias('ClientId')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ApplicationId,

        [Parameter(ParameterSetName = 'ServicePrincipalWithClientSecret', Mandatory)]
        [securestring] $ClientSecret,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificateFile', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $CertificatePath,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificateFile')]
        [securestring] $CertificatePassword,

        [Parameter(ParameterSetName = 'ServicePrincipalCertificateFile')]
        [switch] $SendCertificateChain,

        [Parameter(ParameterSetName = 'ClientAssertion', Mandatory)]
        [Alias('ClientAssertion')]
        [securestring] $FederatedToken,

        [Parameter(ParameterSetName = 'ClientAssertionFile', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $FederatedTokenFile,

        [Parameter(ParameterSetName = 'ManagedService', Mandatory)]
        [Alias('MSI', 'ManagedService')]
        [switch] $Identity,

        [Parameter(ParameterSetName = 'AccessToken', Mandatory)]
        [securestring] $AccessToken,

        [Parameter(ParameterSetName = 'UserWithSubscriptionId')]
        [Parameter(ParameterSetName = 'UserWithCredential')]
        [Parameter(ParameterSetName = 'ServicePrincipalWithCredential')]
        [Parameter(ParameterSetName = 'ServicePrincipalWithClientSecret')]
        [Parameter(ParameterSetName = 'ServicePrincipalCertificateFile')]
        [Parameter(ParameterSetName = 'ClientAssertion')]
        [Parameter(ParameterSetName = 'ClientAssertionFile')]
        [Parameter(ParameterSetName = 'ServicePrincipalFromEnvironment')]
        [Parameter(ParameterSetName = 'ManagedService')]
        [Alias('AuthScopeTypeName')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AuthScope,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContextName,

        [Parameter()]
        [switch] $SkipContextPopulation,

        [Parameter()]
        [ValidateRange(-1, 100000)]
        [int] $MaxContextPopulation = 25,

        [Parameter()]
        [switch] $Force,

        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope,

        [Parameter(ParameterSetName = 'UserWithSubscriptionId')]
        [Parameter(ParameterSetName = 'UserWithCredential')]
        [ValidateRange(1, 3600)]
        [int] $Timeout
    )

    process {
        if ($PSBoundParameters.ContainsKey('Force') -and $Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        if ($PSCmdlet.ShouldProcess($(if ($PSBoundParameters.ContainsKey('Environment')) { "an account in environment $($PSBoundParameters['Environment'])" } else { 'an account in environment AzureCloud' }), 'Connect')) {
            $script:Cli.Invoke($PSCmdlet, 'connect', $PSBoundParameters, 'MyAccount.Profile') |
            Invoke-MyAccountSubscriptionPicker -Bound $PSBoundParameters -Caller $PSCmdlet
        }
    }
}

function Disconnect-MyAccount {
    <#
    .SYNOPSIS
        Sign an account out: remove its tokens, its kept secrets and all its contexts.

    .DESCRIPTION
        Without parameters, signs out the account of the default context. -Username names the account (a user name, an application id or a managed identity id), -ContextName the context whose account to sign out, -All every account. The account's tokens leave the shared token cache, the client secret, certificate password or federated token kept for a service principal leaves the secure store, and every context of the account is removed; when the default context was one of them, the first remaining context becomes the default. Other accounts keep their tokens and contexts.

    .PARAMETER ContextName
        The context whose account to sign out. Default: the default context.

    .PARAMETER Username
        The account to sign out: a user name, an application id or a managed identity id. Aliases: Id, UserId.

    .PARAMETER All
        Sign out every account.

    .PARAMETER DefaultProfile
        The context to use for this call only, as Az's -DefaultProfile: a context object from Get-MyContext, or a context name. It stands for -ContextName and never changes the default context. Aliases: AzContext, AzureRmContext, AzureCredential.

    .EXAMPLE
        Disconnect-MyAccount

        Sign out the account of the default context.

    .EXAMPLE
        Disconnect-MyAccount -Username bob@fabrikam.example

        Sign out one account by name.

    .EXAMPLE
        Disconnect-MyAccount -All

        Sign out every account.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Account

    .NOTES
        Runs: myaccount disconnect
    #>
    [Alias('Logout-MyAccount', 'Remove-MyAccount')]
    [CmdletBinding(DefaultParameterSetName = 'ContextName', PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('MyAccount.Account')]
    param(
        [Parameter(ParameterSetName = 'ContextName', Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContextName,

        [Parameter(ParameterSetName = 'UserId', Mandatory)]
        [Alias('Id', 'UserId')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Username,

        [Parameter(ParameterSetName = 'All', Mandatory)]
        [switch] $All,

        [Parameter()]
        [Alias('AzContext', 'AzureRmContext', 'AzureCredential')]
        [psobject] $DefaultProfile
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        Resolve-MyAccountDefaultProfile -Bound $bound -Target 'ContextName' -Caller $PSCmdlet
        if ($PSCmdlet.ShouldProcess($(if ($bound.ContainsKey('Username')) { $bound['Username'] } elseif ($bound.ContainsKey('All') -and $bound['All']) { 'every signed-in account' } else { Get-MyAccountContextAccount -ContextName $bound['ContextName'] -Caller $PSCmdlet -ConfirmImpact 'Medium' }), 'Disconnect')) {
            $script:Cli.Invoke($PSCmdlet, 'disconnect', $bound, 'MyAccount.Account')
        }
    }
}

function Get-MyAccessToken {
    <#
    .SYNOPSIS
        Get an access token for Azure Resource Manager or another Azure service, for the signed-in account.

    .DESCRIPTION
        Returns a token for the account of the default context (or -ContextName), in the context's tenant or -TenantId, silently: from the token cache, refreshed when it is about to expire. Nobody is asked to sign in; when a new sign-in is needed it fails and says what to run. As in Az.Accounts, Token is a SecureString (Invoke-RestMethod -Authentication Bearer -Token takes it as it is); -AsPlainText returns it as a string. ExpiresOn is in UTC.

    .PARAMETER ResourceTypeName
        The Azure service the token is for, by name (default Arm). Its audience comes from the account's environment.

    .PARAMETER ResourceUrl
        The resource (audience) the token is for, as a URI or application id, e.g. https://vault.azure.net. Aliases: Resource, ResourceUri.

    .PARAMETER TenantId
        The tenant (id or domain) the token is for. Default: the tenant of the context.

    .PARAMETER ContextName
        Use the account and tenant of this context instead of the default one.

    .PARAMETER DefaultProfile
        The context to use for this call only, as Az's -DefaultProfile: a context object from Get-MyContext, or a context name. It stands for -ContextName and never changes the default context. Aliases: AzContext, AzureRmContext, AzureCredential.

    .PARAMETER AsSecureString
        Accepted as in Az.Accounts 14 and later, where it changes nothing: Token is a SecureString unless -AsPlainText is given.

    .PARAMETER AsPlainText
        Return Token as plain text instead of a SecureString. Plain text can end up in transcripts and logs; prefer the SecureString where the consumer accepts one.

    .EXAMPLE
        Get-MyAccessToken

        A Resource Manager token for the default context.

    .EXAMPLE
        Invoke-RestMethod https://graph.microsoft.com/v1.0/me -Authentication Bearer -Token (Get-MyAccessToken -ResourceTypeName MSGraph).Token

        A Microsoft Graph token, for a bearer header.

    .EXAMPLE
        Get-MyAccessToken -ResourceUrl https://vault.azure.net -TenantId fabrikam.onmicrosoft.com

        A token for any resource, in another tenant of the account.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.AccessToken

    .NOTES
        Runs: myaccount get-access-token
    #>
    [CmdletBinding(DefaultParameterSetName = 'KnownResourceTypeName', PositionalBinding = $false)]
    [OutputType('MyAccount.AccessToken')]
    param(
        [Parameter(ParameterSetName = 'KnownResourceTypeName')]
        [ValidateSet('Arm', 'ResourceManager', 'MSGraph', 'AadGraph', 'KeyVault', 'Storage', 'Synapse', 'OperationalInsights', 'Batch', 'DataLake', 'AnalysisServices', 'Attestation', 'AppConfiguration', 'CommunicationEmail')]
        [string] $ResourceTypeName,

        [Parameter(ParameterSetName = 'ResourceUrl', Mandatory)]
        [Alias('Resource', 'ResourceUri')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ResourceUrl,

        [Parameter()]
        [ArgumentCompleter([MyAccount.Helper.TenantCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $TenantId,

        [Parameter()]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContextName,

        [Parameter()]
        [Alias('AzContext', 'AzureRmContext', 'AzureCredential')]
        [psobject] $DefaultProfile,

        [Parameter()]
        [switch] $AsSecureString,

        [Parameter()]
        [switch] $AsPlainText
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        Resolve-MyAccountDefaultProfile -Bound $bound -Target 'ContextName' -Caller $PSCmdlet
        $script:Cli.Invoke($PSCmdlet, 'get-access-token', $bound, 'MyAccount.AccessToken', @('Token', 'ExpiresOn', 'TenantId', 'UserId', 'Type'), 'Token', $AsPlainText.IsPresent)
    }
}

function Get-MySubscription {
    <#
    .SYNOPSIS
        List the subscriptions the signed-in account can use, live from Azure Resource Manager.

    .DESCRIPTION
        Asks Resource Manager, not the stored contexts, so the list is current. Without -TenantId it reads every tenant of the account of the default context (TenantConcurrency at a time); tenants that need multi-factor authentication or fail are left out and reported in one warning. -SubscriptionId is looked up directly in each tenant; -SubscriptionName is matched ignoring case. Finding nothing for either is an error (a terminating error). The result is always a list, in the order Resource Manager returns it, tenant by tenant.

    .PARAMETER SubscriptionId
        The id of the subscription to get.

    .PARAMETER SubscriptionName
        The name of the subscription to get, ignoring case.

    .PARAMETER TenantId
        Only this tenant (id or domain). Default: every tenant of the account. Aliases: Tenant.

    .PARAMETER ContextName
        List for the account of this context instead of the default one.

    .PARAMETER DefaultProfile
        The context to use for this call only, as Az's -DefaultProfile: a context object from Get-MyContext, or a context name. It stands for -ContextName and never changes the default context. Aliases: AzContext, AzureRmContext, AzureCredential.

    .EXAMPLE
        Get-MySubscription

        Every subscription in every tenant of the account.

    .EXAMPLE
        Get-MySubscription -SubscriptionName 'Contoso Production'

        One subscription by name.

    .EXAMPLE
        Get-MySubscription -TenantId contoso.onmicrosoft.com

        The subscriptions of one tenant.

    .INPUTS
        System.Management.Automation.PSObject
            Any object with a property named SubscriptionId; SubscriptionName; TenantId or Tenant (by property name).

    .OUTPUTS
        MyAccount.Subscription

    .NOTES
        Runs: myaccount get-subscription
    #>
    [CmdletBinding(DefaultParameterSetName = 'ListByIdInTenant', PositionalBinding = $false)]
    [OutputType('MyAccount.Subscription')]
    param(
        [Parameter(ParameterSetName = 'ListByIdInTenant', ValueFromPipelineByPropertyName)]
        [ArgumentCompleter([MyAccount.Helper.SubscriptionIdCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')]
        [string] $SubscriptionId,

        [Parameter(ParameterSetName = 'ListByNameInTenant', Mandatory, ValueFromPipelineByPropertyName)]
        [ArgumentCompleter([MyAccount.Helper.SubscriptionCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $SubscriptionName,

        [Parameter(ValueFromPipelineByPropertyName)]
        [Alias('Tenant')]
        [ArgumentCompleter([MyAccount.Helper.TenantCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $TenantId,

        [Parameter()]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContextName,

        [Parameter()]
        [Alias('AzContext', 'AzureRmContext', 'AzureCredential')]
        [psobject] $DefaultProfile
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        Resolve-MyAccountDefaultProfile -Bound $bound -Target 'ContextName' -Caller $PSCmdlet
        $script:Cli.Invoke($PSCmdlet, 'get-subscription', $bound, 'MyAccount.Subscription')
    }
}

function Get-MyTenant {
    <#
    .SYNOPSIS
        List the tenants the signed-in account can reach, live from Azure Resource Manager.

    .DESCRIPTION
        Asks Resource Manager (GET /tenants, with a token from the account's home tenant) which tenants the account of the default context can reach, sorted by display name as Az does. -TenantId keeps the tenant with that id or domain (ignoring case); finding none is an error (a terminating error). The result is always a list.

    .PARAMETER TenantId
        The tenant to show, by id or by any of its domains. Aliases: Domain, Tenant.

    .PARAMETER ContextName
        List for the account of this context instead of the default one.

    .PARAMETER DefaultProfile
        The context to use for this call only, as Az's -DefaultProfile: a context object from Get-MyContext, or a context name. It stands for -ContextName and never changes the default context. Aliases: AzContext, AzureRmContext, AzureCredential.

    .EXAMPLE
        Get-MyTenant

        Every tenant of the account.

    .EXAMPLE
        Get-MyTenant contoso.onmicrosoft.com

        One tenant by domain.

    .INPUTS
        System.Management.Automation.PSObject
            Any object with a property named TenantId or Domain or Tenant (by property name).

    .OUTPUTS
        MyAccount.Tenant

    .NOTES
        Runs: myaccount get-tenant
    #>
    [Alias('Get-MyDomain')]
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.Tenant')]
    param(
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('Domain', 'Tenant')]
        [ArgumentCompleter([MyAccount.Helper.TenantCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $TenantId,

        [Parameter()]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContextName,

        [Parameter()]
        [Alias('AzContext', 'AzureRmContext', 'AzureCredential')]
        [psobject] $DefaultProfile
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        Resolve-MyAccountDefaultProfile -Bound $bound -Target 'ContextName' -Caller $PSCmdlet
        $script:Cli.Invoke($PSCmdlet, 'get-tenant', $bound, 'MyAccount.Tenant')
    }
}

function Invoke-MyRestMethod {
    <#
    .SYNOPSIS
        Send a request to Azure Resource Manager (or another Azure service) with the signed-in account's token.

    .DESCRIPTION
        Sends one request with a bearer token for the tenant of the default context (or -ContextName) and returns Az's PSHttpResponse: StatusCode, Headers, Content, Method, RequestUri. -Path is relative to the Resource Manager endpoint of the context's environment; -Uri is an absolute https URL, for which the token's audience is Resource Manager's when the URL is on its host, else -ResourceId (an https URL whose host is the URL's host or a parent domain of it). The token is never sent anywhere else: redirects are not followed, and a nextLink, Location or Azure-AsyncOperation URL on another origin is refused. -ApiVersion is added to the query unless the path has one. -Payload is the body as text, or @file to read it from a file. Any HTTP status is returned as the result (as Invoke-AzRestMethod does); 429 and 5xx are retried first, as Retry-After asks. -WaitForCompletion follows a long-running operation (201/202 with Azure-AsyncOperation or Location) to its end and returns the final resource; an operation that ends Failed or Canceled is an error. -Paginate follows nextLink (-NextLinkName) through every page and returns the items of all pages (-PageableItemName, default value) in one document.

    .PARAMETER Path
        The path and query, relative to the Resource Manager endpoint of the context's environment, e.g. /subscriptions/<id>/resourcegroups?api-version=2021-04-01.

    .PARAMETER Uri
        An absolute https URL. On Resource Manager's host the token is for Resource Manager; elsewhere give ResourceId.

    .PARAMETER ResourceId
        The audience of the token for -Uri: an https URL whose host is the URL's host or a parent domain of it, e.g. https://vault.azure.net. Aliases: Resource.

    .PARAMETER Method
        The HTTP method: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS (default GET).

    .PARAMETER ApiVersion
        The api-version to add to the query, unless the path or URL has one.

    .PARAMETER Payload
        The request body, as text; "@<file>" reads it from that file.

    .PARAMETER WaitForCompletion
        Follow a long-running operation (Azure-AsyncOperation or Location) until it ends, and return the final result.

    .PARAMETER Paginate
        Follow nextLink through every page (GET only) and return the items of all pages together.

    .PARAMETER NextLinkName
        The property of a page that holds the next page's URL (default nextLink).

    .PARAMETER PageableItemName
        The property of a page that holds its items (default value).

    .PARAMETER ContextName
        Use the account, tenant and environment of this context instead of the default one.

    .PARAMETER DefaultProfile
        The context to use for this call only, as Az's -DefaultProfile: a context object from Get-MyContext, or a context name. It stands for -ContextName and never changes the default context. Aliases: AzContext, AzureRmContext, AzureCredential.

    .EXAMPLE
        Invoke-MyRestMethod -Path "/subscriptions/$sub/resourcegroups?api-version=2021-04-01" -Paginate

        List the resource groups of the context's subscription.

    .EXAMPLE
        Invoke-MyRestMethod -Method PUT -Path "/subscriptions/$sub/resourcegroups/demo?api-version=2021-04-01" -Payload '{"location":"westeurope"}'

        Create a resource group.

    .EXAMPLE
        Invoke-MyRestMethod -Method PUT -Path "$id?api-version=2024-01-01" -Payload (Get-Content -Raw widget.json) -WaitForCompletion

        Create a resource and wait for its long-running operation, the body read from a file.

    .EXAMPLE
        Invoke-MyRestMethod -Method PUT -Path "/subscriptions/$sub/resourcegroups/demo?api-version=2021-04-01" -Payload (@{ location = 'eastus' } | ConvertTo-Json)

        The whole request, body included, as JSON on stdin.

    .EXAMPLE
        Invoke-MyRestMethod -Uri 'https://myvault.vault.azure.net/secrets?api-version=7.4' -ResourceId https://vault.azure.net

        Call another service by URL, with a token for its audience.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.HttpResponse

    .NOTES
        Runs: myaccount rest
    #>
    [Alias('Invoke-MyRest')]
    [CmdletBinding(DefaultParameterSetName = 'ByPath', PositionalBinding = $false)]
    [OutputType('MyAccount.HttpResponse')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Path,

        [Parameter(ParameterSetName = 'ByURI', Mandatory)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Uri,

        [Parameter(ParameterSetName = 'ByURI')]
        [Alias('Resource')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ResourceId,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 16)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Method,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 64)]
        [ValidatePattern('^[A-Za-z0-9.-]+$')]
        [string] $ApiVersion,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(0, 4194304)]
        [string] $Payload,

        [Parameter()]
        [switch] $WaitForCompletion,

        [Parameter()]
        [switch] $Paginate,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 128)]
        [ValidatePattern('^[A-Za-z0-9_.@$-]+$')]
        [string] $NextLinkName,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 128)]
        [ValidatePattern('^[A-Za-z0-9_.@$-]+$')]
        [string] $PageableItemName,

        [Parameter()]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContextName,

        [Parameter()]
        [Alias('AzContext', 'AzureRmContext', 'AzureCredential')]
        [psobject] $DefaultProfile
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        Resolve-MyAccountDefaultProfile -Bound $bound -Target 'ContextName' -Caller $PSCmdlet
        $script:Cli.Invoke($PSCmdlet, 'rest', $bound, 'MyAccount.HttpResponse')
    }
}

function Get-MyContext {
    <#
    .SYNOPSIS
        Show the default context, a named context, or every stored context.

    .DESCRIPTION
        A context is an account, a tenant, a subscription and an environment that commands use together. Without parameters this shows the default context (the one MYACCOUNT_CONTEXT selects in this shell, else the stored default), or nothing when there is none.

    .PARAMETER Name
        The name of the context to show.

    .PARAMETER ListAvailable
        List every stored context.

    .PARAMETER RefreshContextFromTokenCache
        Az's switch to rebuild contexts from the token cache. Here it checks the token cache for signed-in accounts that have no context and says which (and how to get them back), changing nothing; then lists every context.

    .EXAMPLE
        Get-MyContext

        Show the default context.

    .EXAMPLE
        Get-MyContext -ListAvailable

        List every stored context.

    .EXAMPLE
        Get-MyContext -Name 'prod'

        Show one context by name.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Context

    .NOTES
        Runs: myaccount get-context
    #>
    [CmdletBinding(DefaultParameterSetName = 'GetSingleContext', PositionalBinding = $false)]
    [OutputType('MyAccount.Context')]
    param(
        [Parameter(ParameterSetName = 'GetSingleContext', Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Name,

        [Parameter(ParameterSetName = 'ListAllContexts', Mandatory)]
        [switch] $ListAvailable,

        [Parameter(ParameterSetName = 'ListAllContexts')]
        [switch] $RefreshContextFromTokenCache
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'get-context', $PSBoundParameters, 'MyAccount.Context')
    }
}

function Set-MyContext {
    <#
    .SYNOPSIS
        Create or update a context for a subscription or tenant of the signed-in account, and make it the default.

    .DESCRIPTION
        Picks a subscription (by id or name) or a tenant (by id or domain) of the account in the current context, creates the context for it (or reuses the one that already exists), and makes it the default. A subscription id is matched exactly; a name ignoring case, preferring a subscription in its home tenant. With only a tenant, its first subscription is used.

    .PARAMETER Subscription
        The subscription id or name. Aliases: SubscriptionId, SubscriptionName.

    .PARAMETER Tenant
        The tenant id or domain. Required when no subscription is given. Aliases: Domain, TenantId.

    .PARAMETER Name
        The name of the context. Without it, the name is made from the subscription, tenant and account.

    .PARAMETER Scope
        Process: the new default applies to this shell only. CurrentUser (default): to every new shell too.

    .PARAMETER Force
        Overwrite a context of the same name that points elsewhere.

    .PARAMETER Context
        A MyAccount.Context object, as Get-MyContext writes it, usually from the pipeline. Its Subscription.Id as Subscription, Tenant.Id as Tenant, Name as Name are used; a parameter given by name wins over the object's value.

    .PARAMETER SubscriptionObject
        A MyAccount.Subscription object, as Get-MySubscription writes it, usually from the pipeline. Its Id as Subscription, TenantId as Tenant are used; a parameter given by name wins over the object's value.

    .PARAMETER TenantObject
        A MyAccount.Tenant object, as Get-MyTenant writes it, usually from the pipeline. Its Id as Tenant are used; a parameter given by name wins over the object's value.

    .EXAMPLE
        Set-MyContext -Subscription 'Contoso Production'

        Switch to a subscription by name.

    .EXAMPLE
        Set-MyContext -Tenant contoso.onmicrosoft.com -Scope Process

        Switch to a tenant, in this shell only.

    .EXAMPLE
        Set-MyContext -Subscription 00000000-0000-0000-0000-000000000001 -Name prod

        Give the context a short name.

    .INPUTS
        MyAccount.Context
            From Get-MyContext, by value (-Context).
        MyAccount.Subscription
            From Get-MySubscription, by value (-SubscriptionObject).
        MyAccount.Tenant
            From Get-MyTenant, by value (-TenantObject).
        System.Management.Automation.PSObject
            Any object with a property named Subscription or SubscriptionId or SubscriptionName (by property name).

    .OUTPUTS
        MyAccount.Context

    .NOTES
        Runs: myaccount set-context
    #>
    [Alias('Select-MySubscription')]
    [CmdletBinding(DefaultParameterSetName = 'Context', PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('MyAccount.Context')]
    param(
        [Parameter(ParameterSetName = 'Subscription', Mandatory, Position = 0, ValueFromPipelineByPropertyName)]
        [Alias('SubscriptionId', 'SubscriptionName')]
        [ArgumentCompleter([MyAccount.Helper.SubscriptionCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Subscription,

        [Parameter(ParameterSetName = 'Subscription')]
        [Parameter(ParameterSetName = 'TenantNameOnly', Mandatory)]
        [Alias('Domain', 'TenantId')]
        [ArgumentCompleter([MyAccount.Helper.TenantCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Tenant,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Name,

        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope,

        [Parameter()]
        [switch] $Force,

        [Parameter(ParameterSetName = 'Context', Mandatory, ValueFromPipeline)]
        [PSTypeName('MyAccount.Context')]
        [psobject] $Context,

        [Parameter(ParameterSetName = 'SubscriptionObject', Mandatory, ValueFromPipeline)]
        [PSTypeName('MyAccount.Subscription')]
        [psobject] $SubscriptionObject,

        [Parameter(ParameterSetName = 'TenantObject', Mandatory, ValueFromPipeline)]
        [PSTypeName('MyAccount.Tenant')]
        [psobject] $TenantObject
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        if ($PSCmdlet.ParameterSetName -eq 'Context') { Add-MyAccountObjectInput -Bound $bound -Name 'Context' -Map ([ordered]@{ Subscription = 'Subscription.Id'; Tenant = 'Tenant.Id'; Name = 'Name' }) }
        if ($PSCmdlet.ParameterSetName -eq 'SubscriptionObject') { Add-MyAccountObjectInput -Bound $bound -Name 'SubscriptionObject' -Map ([ordered]@{ Subscription = 'Id'; Tenant = 'TenantId' }) }
        if ($PSCmdlet.ParameterSetName -eq 'TenantObject') { Add-MyAccountObjectInput -Bound $bound -Name 'TenantObject' -Map ([ordered]@{ Tenant = 'Id' }) }
        if ($PSBoundParameters.ContainsKey('Force') -and $Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        if ($PSCmdlet.ShouldProcess($(if ($bound.ContainsKey('Name')) { $bound['Name'] } elseif ($bound.ContainsKey('Subscription')) { "subscription $($bound['Subscription'])" } elseif ($bound.ContainsKey('Tenant')) { "tenant $($bound['Tenant'])" } else { 'the default context' }), 'Set')) {
            $script:Cli.Invoke($PSCmdlet, 'set-context', $bound, 'MyAccount.Context')
        }
    }
}

function Select-MyContext {
    <#
    .SYNOPSIS
        Make an existing context the default.

    .DESCRIPTION
        Selects a stored context as the default. With -Scope Process only this shell changes (MYACCOUNT_CONTEXT); with CurrentUser (the default) every new shell starts with it. To create a context, use set-context.

    .PARAMETER Name
        The name of the context to select.

    .PARAMETER Scope
        Process: this shell only. CurrentUser (default): every new shell too.

    .PARAMETER InputObject
        A MyAccount.Context object, as Get-MyContext writes it, usually from the pipeline. Its Name as Name are used; a parameter given by name wins over the object's value.

    .EXAMPLE
        Select-MyContext prod

        Make "prod" the default everywhere.

    .EXAMPLE
        Select-MyContext test -Scope Process

        Use "test" in this shell only.

    .INPUTS
        MyAccount.Context
            From Get-MyContext, by value (-InputObject).

    .OUTPUTS
        MyAccount.Context

    .NOTES
        Runs: myaccount select-context
    #>
    [CmdletBinding(DefaultParameterSetName = 'SelectByName', PositionalBinding = $false)]
    [OutputType('MyAccount.Context')]
    param(
        [Parameter(ParameterSetName = 'SelectByName', Mandatory, Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Name,

        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope,

        [Parameter(ParameterSetName = 'SelectByInputObject', Mandatory, ValueFromPipeline)]
        [PSTypeName('MyAccount.Context')]
        [psobject] $InputObject
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        if ($PSCmdlet.ParameterSetName -eq 'SelectByInputObject') { Add-MyAccountObjectInput -Bound $bound -Name 'InputObject' -Map ([ordered]@{ Name = 'Name' }) }
        $script:Cli.Invoke($PSCmdlet, 'select-context', $bound, 'MyAccount.Context')
    }
}

function Rename-MyContext {
    <#
    .SYNOPSIS
        Rename a stored context.

    .DESCRIPTION
        Renames a context. If it is the default (stored, or selected in this shell), it stays the default under its new name.

    .PARAMETER SourceName
        The current name of the context.

    .PARAMETER TargetName
        The new name.

    .PARAMETER Force
        Replace a context that already has the new name.

    .PARAMETER PassThru
        Return the affected object (or true) instead of nothing.

    .PARAMETER InputObject
        A MyAccount.Context object, as Get-MyContext writes it, usually from the pipeline. Its Name as SourceName are used; a parameter given by name wins over the object's value.

    .EXAMPLE
        Rename-MyContext -SourceName 'Contoso (0000…) - … - alice@contoso.com' -TargetName prod

        Give a context a short name.

    .INPUTS
        MyAccount.Context
            From Get-MyContext, by value (-InputObject).

    .OUTPUTS
        MyAccount.Context

    .NOTES
        Runs: myaccount rename-context
    #>
    [CmdletBinding(DefaultParameterSetName = 'RenameByName', PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('MyAccount.Context')]
    param(
        [Parameter(ParameterSetName = 'RenameByName', Mandatory, Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $SourceName,

        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $TargetName,

        [Parameter()]
        [switch] $Force,

        [Parameter()]
        [switch] $PassThru,

        [Parameter(ParameterSetName = 'RenameByInputObject', Mandatory, ValueFromPipeline)]
        [PSTypeName('MyAccount.Context')]
        [psobject] $InputObject
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        if ($PSCmdlet.ParameterSetName -eq 'RenameByInputObject') { Add-MyAccountObjectInput -Bound $bound -Name 'InputObject' -Map ([ordered]@{ SourceName = 'Name' }) }
        if ($PSBoundParameters.ContainsKey('Force') -and $Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        if ($PSCmdlet.ShouldProcess($bound['SourceName'], 'Rename')) {
            $script:Cli.Invoke($PSCmdlet, 'rename-context', $bound, 'MyAccount.Context')
        }
    }
}

function Remove-MyContext {
    <#
    .SYNOPSIS
        Remove a stored context.

    .DESCRIPTION
        Removes one context. Removing the default context needs -Force; the first remaining context then becomes the default. The account stays signed in; use disconnect to sign out.

    .PARAMETER Name
        The name of the context to remove.

    .PARAMETER Force
        Allow removing the default context.

    .PARAMETER PassThru
        Return the affected object (or true) instead of nothing.

    .PARAMETER InputObject
        A MyAccount.Context object, as Get-MyContext writes it, usually from the pipeline. Its Name as Name are used; a parameter given by name wins over the object's value.

    .EXAMPLE
        Remove-MyContext test

        Remove a context.

    .EXAMPLE
        Remove-MyContext prod -Force

        Remove the default context.

    .INPUTS
        MyAccount.Context
            From Get-MyContext, by value (-InputObject).

    .OUTPUTS
        MyAccount.Context

    .NOTES
        Runs: myaccount remove-context
    #>
    [CmdletBinding(DefaultParameterSetName = 'RemoveByName', PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('MyAccount.Context')]
    param(
        [Parameter(ParameterSetName = 'RemoveByName', Mandatory, Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Name,

        [Parameter()]
        [switch] $Force,

        [Parameter()]
        [switch] $PassThru,

        [Parameter(ParameterSetName = 'RemoveByInputObject', Mandatory, ValueFromPipeline)]
        [PSTypeName('MyAccount.Context')]
        [psobject] $InputObject
    )

    process {
        $bound = [hashtable]::new($PSBoundParameters, [System.StringComparer]::OrdinalIgnoreCase)
        if ($PSCmdlet.ParameterSetName -eq 'RemoveByInputObject') { Add-MyAccountObjectInput -Bound $bound -Name 'InputObject' -Map ([ordered]@{ Name = 'Name' }) }
        if ($PSBoundParameters.ContainsKey('Force') -and $Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        if ($PSCmdlet.ShouldProcess($bound['Name'], 'Remove')) {
            $script:Cli.Invoke($PSCmdlet, 'remove-context', $bound, 'MyAccount.Context')
        }
    }
}

function Clear-MyContext {
    <#
    .SYNOPSIS
        Remove every context and signed-in account.

    .DESCRIPTION
        CurrentUser scope (the default) removes every stored context and account, every token in the token cache and every secret kept for a service principal, so nothing is signed in afterwards. Process scope only forgets the default context chosen in this shell (MYACCOUNT_CONTEXT).

    .PARAMETER Scope
        Process: forget the choice made in this shell. CurrentUser (default): remove everything stored.

    .PARAMETER PassThru
        Return the affected object (or true) instead of nothing.

    .PARAMETER Force
        Do not ask for confirmation (the CLI never asks; in PowerShell, as -Confirm:$false). -WhatIf still only says what would happen.

    .EXAMPLE
        Clear-MyContext

        Forget every context and account.

    .EXAMPLE
        Clear-MyContext -Scope Process

        Forget the context chosen in this shell only.

    .INPUTS
        None

    .OUTPUTS
        System.Boolean

    .NOTES
        Runs: myaccount clear-context
    #>
    [CmdletBinding(PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'High')]
    [OutputType('System.Boolean')]
    param(
        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope,

        [Parameter()]
        [switch] $PassThru,

        [Parameter()]
        [switch] $Force
    )

    process {
        if ($PSBoundParameters.ContainsKey('Force') -and $Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        if ($PSCmdlet.ShouldProcess($(if ($PSBoundParameters['Scope'] -eq 'Process') { 'the default context of this session' } else { 'every context, account and cached token' }), 'Clear')) {
            $script:Cli.Invoke($PSCmdlet, 'clear-context', $PSBoundParameters, 'System.Boolean')
        }
    }
}

function Save-MyContext {
    <#
    .SYNOPSIS
        Save the default context, a named one or all of them to a file another state folder can import.

    .DESCRIPTION
        Writes a JSON file (mode 0600) with the contexts, the accounts they use and the user-defined environments they need, for import-context in another state folder: a later CI step, another machine. Without -Name or -All it saves the default context. The file never holds a token, refresh token, secret or certificate password, so it is safe in a build artifact; after the import, an account gets tokens silently only where its credential is found again (managed identity, a federated token file, AZURE_CLIENT_SECRET), otherwise connect signs it in.

    .PARAMETER Path
        The file to write.

    .PARAMETER Name
        Save this context instead of the default one.

    .PARAMETER All
        Save every context (the default stays the default).

    .PARAMETER Force
        Overwrite the file if it exists.

    .EXAMPLE
        Save-MyContext -Path ./context.json

        Save the default context for the next CI step.

    .EXAMPLE
        Save-MyContext -Path ./all.json -All -Force

        Save every context, replacing an older file.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.ContextFile

    .NOTES
        Runs: myaccount save-context
    #>
    [Alias('Save-MyProfile')]
    [CmdletBinding(DefaultParameterSetName = 'Default', PositionalBinding = $false)]
    [OutputType('MyAccount.ContextFile')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Path,

        [Parameter(ParameterSetName = 'ByName', Mandatory)]
        [ArgumentCompleter([MyAccount.Helper.ContextNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Name,

        [Parameter(ParameterSetName = 'All', Mandatory)]
        [switch] $All,

        [Parameter(ParameterSetName = 'Default')]
        [Parameter(ParameterSetName = 'ByName')]
        [Parameter(ParameterSetName = 'All')]
        [switch] $Force
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'save-context', $PSBoundParameters, 'MyAccount.ContextFile')
    }
}

function Import-MyContext {
    <#
    .SYNOPSIS
        Import contexts, their accounts and environments from a file save-context wrote.

    .DESCRIPTION
        Reads the file whole and checks it (its kind and version, every account, context and environment, the environments' endpoints by add-environment's rules) before changing anything: a bad, truncated or newer file is refused and nothing is imported. Contexts, accounts and environments with the same names are replaced. The file's default context becomes the default: for every new shell (CurrentUser, the default), or only this shell with -Scope Process (the records are still stored, as every context is). No token comes with the file: commands then get tokens silently where the account's credential is found here (managed identity, a federated token file, AZURE_CLIENT_SECRET for a service principal); otherwise they say to run connect.

    .PARAMETER Path
        The file save-context wrote.

    .PARAMETER Scope
        Process: the imported default applies to this shell only. CurrentUser (default): to every new shell.

    .EXAMPLE
        Import-MyContext -Path ./context.json

        Import the context an earlier CI step saved.

    .EXAMPLE
        Import-MyContext ./context.json -Scope Process

        Use it in this shell only.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.ContextFile

    .NOTES
        Runs: myaccount import-context
    #>
    [Alias('Import-MyProfile')]
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.ContextFile')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Path,

        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'import-context', $PSBoundParameters, 'MyAccount.ContextFile')
    }
}

function Enable-MyContextAutosave {
    <#
    .SYNOPSIS
        Save context changes and sign-ins in the state folder again (the default).

    .DESCRIPTION
        Turns autosave on. CurrentUser (the default) saves the setting for every new shell; a shell that turned autosave off for itself (-Scope Process) keeps it off until Enable-MyContextAutosave -Scope Process. Process ends this shell's session copy: the contexts and tokens it held are discarded (save one first with save-context if you need it), and commands use the state folder again.

    .PARAMETER Scope
        CurrentUser (default): autosave on for every new shell, saved in the state folder. Process: this shell and the processes it starts only.

    .EXAMPLE
        Enable-MyContextAutosave

        Save contexts again in every new shell.

    .EXAMPLE
        Enable-MyContextAutosave -Scope Process

        End this shell's session copy.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.ContextAutosaveSettings

    .NOTES
        Runs: myaccount enable-context-autosave
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.ContextAutosaveSettings')]
    param(
        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'enable-context-autosave', $PSBoundParameters, 'MyAccount.ContextAutosaveSettings')
    }
}

function Disable-MyContextAutosave {
    <#
    .SYNOPSIS
        Keep context changes and sign-ins in this process only, never in the state folder (for CI).

    .DESCRIPTION
        Turns autosave off. Process: this shell (and the processes it starts) works in a private copy of the state folder (0700, in the temp folder) with its own token cache, removed when the PowerShell session ends or by Enable-MyContextAutosave -Scope Process; nothing it does changes the state folder. CurrentUser (the default): saved for every new shell; each PowerShell session then starts its own copy, and a bare CLI call works in a copy removed when it ends. Nothing stored is deleted: use clear-context for that.

    .PARAMETER Scope
        CurrentUser (default): autosave off for every new shell, saved in the state folder. Process: this shell and the processes it starts only.

    .EXAMPLE
        Disable-MyContextAutosave -Scope Process

        Sign-ins and context changes in this shell stay in this shell.

    .EXAMPLE
        Disable-MyContextAutosave

        Turn autosave off for every new shell.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.ContextAutosaveSettings

    .NOTES
        Runs: myaccount disable-context-autosave
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.ContextAutosaveSettings')]
    param(
        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'disable-context-autosave', $PSBoundParameters, 'MyAccount.ContextAutosaveSettings')
    }
}

function Get-MyContextAutosaveSetting {
    <#
    .SYNOPSIS
        Show whether context changes are saved, and where.

    .DESCRIPTION
        Mode CurrentUser: context changes, sign-ins and tokens are saved in the state folder. Mode Process: they live in this process only (SessionDirectory is the copy this shell works in). Without -Scope, what is in effect here; -Scope CurrentUser: the saved setting for new shells; -Scope Process: this shell.

    .PARAMETER Scope
        CurrentUser: the saved setting. Process (or none): what is in effect in this shell.

    .EXAMPLE
        Get-MyContextAutosaveSetting

        Is autosave on here?

    .INPUTS
        None

    .OUTPUTS
        MyAccount.ContextAutosaveSettings

    .NOTES
        Runs: myaccount get-context-autosave-setting
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.ContextAutosaveSettings')]
    param(
        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'get-context-autosave-setting', $PSBoundParameters, 'MyAccount.ContextAutosaveSettings')
    }
}

function Get-MyConfig {
    <#
    .SYNOPSIS
        Show settings with their effective values and where each value comes from.

    .DESCRIPTION
        Lists every setting, or the ones named, with its effective value and scope. Precedence: Process (this shell) > Environment (the setting's MYACCOUNT_ variable) > CurrentUser (saved) > Default.

    .PARAMETER EnableLoginByWam
        Show EnableLoginByWam.

    .PARAMETER DefaultSubscriptionForLogin
        Show DefaultSubscriptionForLogin.

    .PARAMETER LoginExperienceV2
        Show LoginExperienceV2.

    .PARAMETER DisableInstanceDiscovery
        Show DisableInstanceDiscovery.

    .PARAMETER AllowPlaintextTokenCache
        Show AllowPlaintextTokenCache.

    .PARAMETER TenantConcurrency
        Show TenantConcurrency.

    .PARAMETER ClientId
        Show ClientId.

    .PARAMETER Scope
        Show only settings whose effective value comes from this scope.

    .EXAMPLE
        Get-MyConfig

        Show every setting.

    .EXAMPLE
        Get-MyConfig -EnableLoginByWam

        Show one setting.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Config

    .NOTES
        Runs: myaccount get-config
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.Config')]
    param(
        [Parameter()]
        [switch] $EnableLoginByWam,

        [Parameter()]
        [switch] $DefaultSubscriptionForLogin,

        [Parameter()]
        [switch] $LoginExperienceV2,

        [Parameter()]
        [switch] $DisableInstanceDiscovery,

        [Parameter()]
        [switch] $AllowPlaintextTokenCache,

        [Parameter()]
        [switch] $TenantConcurrency,

        [Parameter()]
        [switch] $ClientId,

        [Parameter()]
        [ValidateSet('Default', 'Environment', 'CurrentUser', 'Process')]
        [string] $Scope
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'get-config', $PSBoundParameters, 'MyAccount.Config')
    }
}

function Update-MyConfig {
    <#
    .SYNOPSIS
        Change settings, for this shell (Process) or for every new one (CurrentUser).

    .DESCRIPTION
        Sets one or more settings. CurrentUser (the default) saves them; Process applies them to this shell only through MYACCOUNT_PROCESS_CONFIG, which the PowerShell module sets for you and bash users apply with eval.

    .PARAMETER EnableLoginByWam
        Sign in through the operating system broker (WAM on Windows) when it is available. Where no broker is available MyAccount says so once and uses the browser or device code. Off by default: unlike Az.Accounts, turning it on is a choice, so Linux and macOS users never see broker notices they did not ask for.

    .PARAMETER DefaultSubscriptionForLogin
        The subscription (name or id) that Connect-MyAccount selects when no -Subscription is given. Setting it skips the subscription picker.

    .PARAMETER LoginExperienceV2
        On: when a person signs in at a terminal and more than one subscription is found, offer a subscription picker. Off: select the first subscription, as scripts expect.

    .PARAMETER DisableInstanceDiscovery
        Do not ask Microsoft Entra ID to validate the authority (instance discovery). Needed for private clouds and Azure Stack; leave it off otherwise.

    .PARAMETER AllowPlaintextTokenCache
        Where no secure store works (no keyring on a headless Linux machine), keep the token cache in a plain, unencrypted file: mode 0600 (only you) on Linux and macOS; on Windows only the state folder's access control list protects it (under your user profile: you, SYSTEM and Administrators). Off by default: without a secure store MyAccount refuses to persist tokens rather than writing them in clear text silently.

    .PARAMETER TenantConcurrency
        How many tenants sign-in and get-subscription query at the same time (tokens and subscription lists). Lower it if a proxy or Azure throttles you; raise it for accounts with many tenants.

    .PARAMETER ClientId
        The application (client) id people sign in as. The default is the Azure PowerShell public client, which every Microsoft Entra tenant already trusts (the Azure CLI uses 04b07795-8ddb-461a-bbee-02f9e1bf7b46). Use your own public client registration to meet a tenant policy; for the broker it needs the redirect URI ms-appx-web://microsoft.aad.brokerplugin/<client id>.

    .PARAMETER Scope
        Process: this shell only. CurrentUser (default): saved for every new shell.

    .PARAMETER AppliesTo
        What the settings apply to. Accepted for Az's scripts: Az and MyAccount both mean all of MyAccount, the only value there is (Az's module and cmdlet names are not accepted: a setting here cannot be limited to one command).

    .EXAMPLE
        Update-MyConfig -EnableLoginByWam $true

        Sign in through the broker from now on.

    .EXAMPLE
        Update-MyConfig -LoginExperienceV2 Off -Scope Process

        Turn the subscription picker off in this shell.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Config

    .NOTES
        Runs: myaccount update-config
    #>
    [Alias('Set-MyConfig')]
    [CmdletBinding(PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('MyAccount.Config')]
    param(
        [Parameter()]
        [bool] $EnableLoginByWam,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(0, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f]*$')]
        [string] $DefaultSubscriptionForLogin,

        [Parameter()]
        [ValidateSet('On', 'Off')]
        [string] $LoginExperienceV2,

        [Parameter()]
        [bool] $DisableInstanceDiscovery,

        [Parameter()]
        [bool] $AllowPlaintextTokenCache,

        [Parameter()]
        [ValidateRange(1, 64)]
        [int] $TenantConcurrency,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(0, 36)]
        [ValidatePattern('^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')]
        [string] $ClientId,

        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope,

        [Parameter()]
        [ValidateSet('Az', 'MyAccount')]
        [string] $AppliesTo
    )

    process {
        if ($PSCmdlet.ShouldProcess($(@(@('EnableLoginByWam', 'DefaultSubscriptionForLogin', 'LoginExperienceV2', 'DisableInstanceDiscovery', 'AllowPlaintextTokenCache', 'TenantConcurrency', 'ClientId').Where({ $PSBoundParameters.ContainsKey($_) })) -join ', ' | ForEach-Object { if ($_) { $_ } else { 'every setting' } }), 'Update')) {
            $script:Cli.Invoke($PSCmdlet, 'update-config', $PSBoundParameters, 'MyAccount.Config')
        }
    }
}

function Clear-MyConfig {
    <#
    .SYNOPSIS
        Return settings to their defaults, in this shell (Process) or saved (CurrentUser).

    .DESCRIPTION
        Clears the named settings, or every setting when none is named, from one scope. With -PassThru, returns each cleared setting with the value that is now in effect (as Az, nothing without it). Clearing every setting says so when that turns AllowPlaintextTokenCache off.

    .PARAMETER EnableLoginByWam
        Clear EnableLoginByWam.

    .PARAMETER DefaultSubscriptionForLogin
        Clear DefaultSubscriptionForLogin.

    .PARAMETER LoginExperienceV2
        Clear LoginExperienceV2.

    .PARAMETER DisableInstanceDiscovery
        Clear DisableInstanceDiscovery.

    .PARAMETER AllowPlaintextTokenCache
        Clear AllowPlaintextTokenCache.

    .PARAMETER TenantConcurrency
        Clear TenantConcurrency.

    .PARAMETER ClientId
        Clear ClientId.

    .PARAMETER Scope
        Process: settings made in this shell. CurrentUser (default): saved settings.

    .PARAMETER Force
        Do not ask for confirmation (the CLI never asks; in PowerShell, as -Confirm:$false). -WhatIf still only says what would happen.

    .PARAMETER PassThru
        Return each cleared setting with the value now in effect.

    .EXAMPLE
        Clear-MyConfig -Force

        Forget every saved setting, without being asked.

    .EXAMPLE
        Clear-MyConfig -TenantConcurrency -PassThru

        Forget the setting and show what is in effect now.

    .EXAMPLE
        Clear-MyConfig -DefaultSubscriptionForLogin

        Forget one saved setting.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Config

    .NOTES
        Runs: myaccount clear-config
    #>
    [CmdletBinding(PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('MyAccount.Config')]
    param(
        [Parameter()]
        [switch] $EnableLoginByWam,

        [Parameter()]
        [switch] $DefaultSubscriptionForLogin,

        [Parameter()]
        [switch] $LoginExperienceV2,

        [Parameter()]
        [switch] $DisableInstanceDiscovery,

        [Parameter()]
        [switch] $AllowPlaintextTokenCache,

        [Parameter()]
        [switch] $TenantConcurrency,

        [Parameter()]
        [switch] $ClientId,

        [Parameter()]
        [ValidateSet('Process', 'CurrentUser')]
        [string] $Scope,

        [Parameter()]
        [switch] $Force,

        [Parameter()]
        [switch] $PassThru
    )

    process {
        if ($PSBoundParameters.ContainsKey('Force') -and $Force -and -not $PSBoundParameters.ContainsKey('Confirm')) { $ConfirmPreference = 'None' }
        if ($PSCmdlet.ShouldProcess($(@(@('EnableLoginByWam', 'DefaultSubscriptionForLogin', 'LoginExperienceV2', 'DisableInstanceDiscovery', 'AllowPlaintextTokenCache', 'TenantConcurrency', 'ClientId').Where({ $PSBoundParameters.ContainsKey($_) })) -join ', ' | ForEach-Object { if ($_) { $_ } else { 'every setting' } }), 'Clear')) {
            $script:Cli.Invoke($PSCmdlet, 'clear-config', $PSBoundParameters, 'MyAccount.Config')
        }
    }
}

function Export-MyConfig {
    <#
    .SYNOPSIS
        Write the saved (CurrentUser) settings to a JSON file.

    .DESCRIPTION
        Exports the saved settings, to copy them to another machine with import-config. Settings from the environment or the Process scope are not exported.

    .PARAMETER Path
        The file to write.

    .PARAMETER Force
        Overwrite the file if it exists.

    .EXAMPLE
        Export-MyConfig ./myaccount-config.json

        Export settings.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.ConfigExport

    .NOTES
        Runs: myaccount export-config
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.ConfigExport')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Path,

        [Parameter()]
        [switch] $Force
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'export-config', $PSBoundParameters, 'MyAccount.ConfigExport')
    }
}

function Import-MyConfig {
    <#
    .SYNOPSIS
        Save the settings from a file written by export-config.

    .DESCRIPTION
        Reads a file written by export-config and saves its settings for the current user, replacing the values of the settings it names. The whole file is checked first; a bad file changes nothing.

    .PARAMETER Path
        The file to read.

    .EXAMPLE
        Import-MyConfig ./myaccount-config.json

        Import settings.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Config

    .NOTES
        Runs: myaccount import-config
    #>
    [CmdletBinding(PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('MyAccount.Config')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 4096)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $Path
    )

    process {
        if ($PSCmdlet.ShouldProcess($PSBoundParameters['Path'], 'Import')) {
            $script:Cli.Invoke($PSCmdlet, 'import-config', $PSBoundParameters, 'MyAccount.Config')
        }
    }
}

function Get-MyEnvironment {
    <#
    .SYNOPSIS
        List the Azure environments (clouds), or show one.

    .DESCRIPTION
        Shows the built-in clouds (AzureCloud, AzureChinaCloud, AzureUSGovernment) and the ones you added, with their endpoints. Names are matched ignoring case.

    .PARAMETER Name
        The environment to show.

    .EXAMPLE
        Get-MyEnvironment

        List every environment.

    .EXAMPLE
        Get-MyEnvironment AzureChinaCloud

        Show one environment.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Environment

    .NOTES
        Runs: myaccount get-environment
    #>
    [CmdletBinding(PositionalBinding = $false)]
    [OutputType('MyAccount.Environment')]
    param(
        [Parameter(Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.EnvironmentNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 64)]
        [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]*$')]
        [string] $Name
    )

    process {
        $script:Cli.Invoke($PSCmdlet, 'get-environment', $PSBoundParameters, 'MyAccount.Environment')
    }
}

function Add-MyEnvironment {
    <#
    .SYNOPSIS
        Add an Azure environment (a sovereign, private or local cloud).

    .DESCRIPTION
        Adds a cloud by its endpoints, or by its Azure Resource Manager endpoint alone (-ARMEndpoint), in which case the rest is read from ARM's /metadata/endpoints document. Endpoints must use https (http only on 127.0.0.1).

    .PARAMETER Name
        The name of the new environment.

    .PARAMETER ARMEndpoint
        An Azure Resource Manager endpoint; the rest is read from its /metadata/endpoints document. Aliases: ArmUrl.

    .PARAMETER ActiveDirectoryAuthority
        The Microsoft Entra ID (login) endpoint, e.g. https://login.microsoftonline.com/. Aliases: ActiveDirectoryEndpoint, AdEndpointUrl, ActiveDirectory.

    .PARAMETER ResourceManagerUrl
        The Azure Resource Manager endpoint, e.g. https://management.azure.com/. Aliases: ResourceManagerEndpoint, ResourceManager.

    .PARAMETER ActiveDirectoryServiceEndpointResourceId
        The audience of Azure Resource Manager tokens, e.g. https://management.core.windows.net/.

    .PARAMETER ServiceManagementUrl
        The classic service management endpoint. Aliases: ServiceEndpoint, ServiceManagement.

    .PARAMETER GraphUrl
        The Azure AD Graph endpoint. Aliases: GraphEndpoint, Graph.

    .PARAMETER GraphEndpointResourceId
        The audience of Azure AD Graph tokens. Aliases: GraphAudience, GraphResourceId.

    .PARAMETER MicrosoftGraphUrl
        The Microsoft Graph endpoint.

    .PARAMETER MicrosoftGraphEndpointResourceId
        The audience of Microsoft Graph tokens.

    .PARAMETER ManagementPortalUrl
        The Azure portal.

    .PARAMETER GalleryUrl
        The gallery endpoint. Aliases: GalleryEndpoint, Gallery.

    .PARAMETER PublishSettingsFileUrl
        Where publish settings files are downloaded.

    .PARAMETER StorageEndpointSuffix
        The DNS suffix of storage accounts, e.g. core.windows.net. Aliases: StorageEndpoint.

    .PARAMETER SqlDatabaseDnsSuffix
        The DNS suffix of SQL databases, e.g. .database.windows.net.

    .PARAMETER TrafficManagerDnsSuffix
        The DNS suffix of Traffic Manager profiles.

    .PARAMETER AzureKeyVaultDnsSuffix
        The DNS suffix of key vaults, e.g. vault.azure.net.

    .PARAMETER AzureKeyVaultServiceEndpointResourceId
        The audience of Key Vault tokens.

    .PARAMETER ContainerRegistryEndpointSuffix
        The DNS suffix of container registries.

    .PARAMETER BatchEndpointResourceId
        The audience of Batch tokens. Aliases: BatchResourceId, BatchAudience.

    .PARAMETER DataLakeEndpointResourceId
        The audience of Data Lake tokens. Aliases: DataLakeAudience, DataLakeResourceId.

    .PARAMETER AzureDataLakeStoreFileSystemEndpointSuffix
        The DNS suffix of Data Lake Store.

    .PARAMETER AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix
        The DNS suffix of Data Lake Analytics.

    .PARAMETER AzureOperationalInsightsEndpoint
        The Log Analytics query endpoint.

    .PARAMETER AzureOperationalInsightsEndpointResourceId
        The audience of Log Analytics tokens.

    .PARAMETER AzureAnalysisServicesEndpointSuffix
        The DNS suffix of Analysis Services.

    .PARAMETER AnalysisServicesEndpointResourceId
        The audience of Analysis Services tokens.

    .PARAMETER AzureAttestationServiceEndpointSuffix
        The DNS suffix of Attestation.

    .PARAMETER AzureAttestationServiceEndpointResourceId
        The audience of Attestation tokens.

    .PARAMETER AzureSynapseAnalyticsEndpointSuffix
        The DNS suffix of Synapse Analytics.

    .PARAMETER AzureSynapseAnalyticsEndpointResourceId
        The audience of Synapse Analytics tokens.

    .PARAMETER AdTenant
        The tenant people sign in to when none is given (usually Common).

    .PARAMETER EnableAdfsAuthentication
        The authority is AD FS (Azure Stack) rather than Microsoft Entra ID. Aliases: OnPremise.

    .EXAMPLE
        Add-MyEnvironment -Name Contoso -ARMEndpoint https://management.contoso.example/

        Add a cloud from its ARM endpoint.

    .EXAMPLE
        Add-MyEnvironment -Name Contoso -ActiveDirectoryAuthority https://login.contoso.example/ -ResourceManagerUrl https://management.contoso.example/ -ActiveDirectoryServiceEndpointResourceId https://management.contoso.example/

        Add a cloud by its endpoints.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Environment

    .NOTES
        Runs: myaccount add-environment
    #>
    [CmdletBinding(DefaultParameterSetName = 'Name', PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('MyAccount.Environment')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 64)]
        [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]*$')]
        [string] $Name,

        [Parameter(ParameterSetName = 'ARMEndpoint', Mandatory)]
        [Alias('ArmUrl')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ARMEndpoint,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('ActiveDirectoryEndpoint', 'AdEndpointUrl', 'ActiveDirectory')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ActiveDirectoryAuthority,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('ResourceManagerEndpoint', 'ResourceManager')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ResourceManagerUrl,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ActiveDirectoryServiceEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('ServiceEndpoint', 'ServiceManagement')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ServiceManagementUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('GraphEndpoint', 'Graph')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $GraphUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('GraphAudience', 'GraphResourceId')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $GraphEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $MicrosoftGraphUrl,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $MicrosoftGraphEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ManagementPortalUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('GalleryEndpoint', 'Gallery')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $GalleryUrl,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $PublishSettingsFileUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('StorageEndpoint')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $StorageEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $SqlDatabaseDnsSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $TrafficManagerDnsSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureKeyVaultDnsSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureKeyVaultServiceEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContainerRegistryEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('BatchResourceId', 'BatchAudience')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $BatchEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('DataLakeAudience', 'DataLakeResourceId')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $DataLakeEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureDataLakeStoreFileSystemEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureOperationalInsightsEndpoint,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureOperationalInsightsEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureAnalysisServicesEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AnalysisServicesEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureAttestationServiceEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureAttestationServiceEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureSynapseAnalyticsEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureSynapseAnalyticsEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AdTenant,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('OnPremise')]
        [bool] $EnableAdfsAuthentication
    )

    process {
        if ($PSCmdlet.ShouldProcess($PSBoundParameters['Name'], 'Add')) {
            $script:Cli.Invoke($PSCmdlet, 'add-environment', $PSBoundParameters, 'MyAccount.Environment')
        }
    }
}

function Set-MyEnvironment {
    <#
    .SYNOPSIS
        Change the endpoints of an environment you added.

    .DESCRIPTION
        Changes the given endpoints of a user-defined environment and keeps the others; with -ARMEndpoint, reads every endpoint again from ARM. Built-in environments cannot be changed.

    .PARAMETER Name
        The environment to change.

    .PARAMETER ARMEndpoint
        An Azure Resource Manager endpoint; the rest is read from its /metadata/endpoints document. Aliases: ArmUrl.

    .PARAMETER ActiveDirectoryAuthority
        The Microsoft Entra ID (login) endpoint, e.g. https://login.microsoftonline.com/. Aliases: ActiveDirectoryEndpoint, AdEndpointUrl, ActiveDirectory.

    .PARAMETER ResourceManagerUrl
        The Azure Resource Manager endpoint, e.g. https://management.azure.com/. Aliases: ResourceManagerEndpoint, ResourceManager.

    .PARAMETER ActiveDirectoryServiceEndpointResourceId
        The audience of Azure Resource Manager tokens, e.g. https://management.core.windows.net/.

    .PARAMETER ServiceManagementUrl
        The classic service management endpoint. Aliases: ServiceEndpoint, ServiceManagement.

    .PARAMETER GraphUrl
        The Azure AD Graph endpoint. Aliases: GraphEndpoint, Graph.

    .PARAMETER GraphEndpointResourceId
        The audience of Azure AD Graph tokens. Aliases: GraphAudience, GraphResourceId.

    .PARAMETER MicrosoftGraphUrl
        The Microsoft Graph endpoint.

    .PARAMETER MicrosoftGraphEndpointResourceId
        The audience of Microsoft Graph tokens.

    .PARAMETER ManagementPortalUrl
        The Azure portal.

    .PARAMETER GalleryUrl
        The gallery endpoint. Aliases: GalleryEndpoint, Gallery.

    .PARAMETER PublishSettingsFileUrl
        Where publish settings files are downloaded.

    .PARAMETER StorageEndpointSuffix
        The DNS suffix of storage accounts, e.g. core.windows.net. Aliases: StorageEndpoint.

    .PARAMETER SqlDatabaseDnsSuffix
        The DNS suffix of SQL databases, e.g. .database.windows.net.

    .PARAMETER TrafficManagerDnsSuffix
        The DNS suffix of Traffic Manager profiles.

    .PARAMETER AzureKeyVaultDnsSuffix
        The DNS suffix of key vaults, e.g. vault.azure.net.

    .PARAMETER AzureKeyVaultServiceEndpointResourceId
        The audience of Key Vault tokens.

    .PARAMETER ContainerRegistryEndpointSuffix
        The DNS suffix of container registries.

    .PARAMETER BatchEndpointResourceId
        The audience of Batch tokens. Aliases: BatchResourceId, BatchAudience.

    .PARAMETER DataLakeEndpointResourceId
        The audience of Data Lake tokens. Aliases: DataLakeAudience, DataLakeResourceId.

    .PARAMETER AzureDataLakeStoreFileSystemEndpointSuffix
        The DNS suffix of Data Lake Store.

    .PARAMETER AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix
        The DNS suffix of Data Lake Analytics.

    .PARAMETER AzureOperationalInsightsEndpoint
        The Log Analytics query endpoint.

    .PARAMETER AzureOperationalInsightsEndpointResourceId
        The audience of Log Analytics tokens.

    .PARAMETER AzureAnalysisServicesEndpointSuffix
        The DNS suffix of Analysis Services.

    .PARAMETER AnalysisServicesEndpointResourceId
        The audience of Analysis Services tokens.

    .PARAMETER AzureAttestationServiceEndpointSuffix
        The DNS suffix of Attestation.

    .PARAMETER AzureAttestationServiceEndpointResourceId
        The audience of Attestation tokens.

    .PARAMETER AzureSynapseAnalyticsEndpointSuffix
        The DNS suffix of Synapse Analytics.

    .PARAMETER AzureSynapseAnalyticsEndpointResourceId
        The audience of Synapse Analytics tokens.

    .PARAMETER AdTenant
        The tenant people sign in to when none is given (usually Common).

    .PARAMETER EnableAdfsAuthentication
        The authority is AD FS (Azure Stack) rather than Microsoft Entra ID. Aliases: OnPremise.

    .EXAMPLE
        Set-MyEnvironment Contoso -MicrosoftGraphUrl https://graph.contoso.example

        Point an environment at a new Microsoft Graph endpoint.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Environment

    .NOTES
        Runs: myaccount set-environment
    #>
    [CmdletBinding(DefaultParameterSetName = 'Name', PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Low')]
    [OutputType('MyAccount.Environment')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.EnvironmentNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 64)]
        [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]*$')]
        [string] $Name,

        [Parameter(ParameterSetName = 'ARMEndpoint', Mandatory)]
        [Alias('ArmUrl')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ARMEndpoint,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('ActiveDirectoryEndpoint', 'AdEndpointUrl', 'ActiveDirectory')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ActiveDirectoryAuthority,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('ResourceManagerEndpoint', 'ResourceManager')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ResourceManagerUrl,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ActiveDirectoryServiceEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('ServiceEndpoint', 'ServiceManagement')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ServiceManagementUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('GraphEndpoint', 'Graph')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $GraphUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('GraphAudience', 'GraphResourceId')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $GraphEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $MicrosoftGraphUrl,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $MicrosoftGraphEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ManagementPortalUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('GalleryEndpoint', 'Gallery')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $GalleryUrl,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $PublishSettingsFileUrl,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('StorageEndpoint')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $StorageEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $SqlDatabaseDnsSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $TrafficManagerDnsSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureKeyVaultDnsSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureKeyVaultServiceEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $ContainerRegistryEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('BatchResourceId', 'BatchAudience')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $BatchEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('DataLakeAudience', 'DataLakeResourceId')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $DataLakeEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureDataLakeStoreFileSystemEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureOperationalInsightsEndpoint,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureOperationalInsightsEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureAnalysisServicesEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AnalysisServicesEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureAttestationServiceEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureAttestationServiceEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureSynapseAnalyticsEndpointSuffix,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 2048)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AzureSynapseAnalyticsEndpointResourceId,

        [Parameter(ParameterSetName = 'Name')]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 256)]
        [ValidatePattern('^[^\u0000-\u001f\u007f-\u009f]*$')]
        [string] $AdTenant,

        [Parameter(ParameterSetName = 'Name')]
        [Alias('OnPremise')]
        [bool] $EnableAdfsAuthentication
    )

    process {
        if ($PSCmdlet.ShouldProcess($PSBoundParameters['Name'], 'Set')) {
            $script:Cli.Invoke($PSCmdlet, 'set-environment', $PSBoundParameters, 'MyAccount.Environment')
        }
    }
}

function Remove-MyEnvironment {
    <#
    .SYNOPSIS
        Remove an environment you added.

    .DESCRIPTION
        Removes a user-defined environment. Built-ins cannot be removed, and an environment that contexts still use is kept until those contexts are removed, so no context is left pointing nowhere.

    .PARAMETER Name
        The environment to remove.

    .PARAMETER PassThru
        Return the affected object (or true) instead of nothing.

    .EXAMPLE
        Remove-MyEnvironment Contoso

        Remove an environment.

    .INPUTS
        None

    .OUTPUTS
        MyAccount.Environment

    .NOTES
        Runs: myaccount remove-environment
    #>
    [CmdletBinding(PositionalBinding = $false, SupportsShouldProcess, ConfirmImpact = 'Medium')]
    [OutputType('MyAccount.Environment')]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ArgumentCompleter([MyAccount.Helper.EnvironmentNameCompleter])]
        [ValidateNotNullOrEmpty()]
        [ValidateLength(1, 64)]
        [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._-]*$')]
        [string] $Name,

        [Parameter()]
        [switch] $PassThru
    )

    process {
        if ($PSCmdlet.ShouldProcess($PSBoundParameters['Name'], 'Remove')) {
            $script:Cli.Invoke($PSCmdlet, 'remove-environment', $PSBoundParameters, 'MyAccount.Environment')
        }
    }
}

#endregion
