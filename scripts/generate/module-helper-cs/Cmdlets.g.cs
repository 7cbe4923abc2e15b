// The MyAccount cmdlets: generated from the command registry by scripts/generate/module.ts. Do not edit.
// Each gathers its bound parameters and hands them to the CLI through MyAccountCmdlet.
using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using MyAccount.Helper;

// PowerShell names a compiled cmdlet's errors after its class: ContextNotFound,MyAccount.Commands.SelectMyContextCommand.
namespace MyAccount.Commands
{
    /// <summary>Connect-MyAccount: runs myaccount connect.</summary>
    [Cmdlet("Connect", "MyAccount", DefaultParameterSetName = "UserWithSubscriptionId", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [Alias("Login-MyAccount", "Add-MyAccount")]
    [OutputType("MyAccount.Profile")]
    public sealed class ConnectMyAccountCommand : MyAccountCmdlet
    {
        [Parameter()]
        [Alias("EnvironmentName")]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Environment { get; set; }

        [Parameter()]
        [Alias("Domain", "TenantId")]
        [ArgumentCompleter(typeof(TenantCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Tenant { get; set; }

        [Parameter()]
        [Alias("SubscriptionName", "SubscriptionId")]
        [ArgumentCompleter(typeof(SubscriptionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Subscription { get; set; }

        [Parameter(ParameterSetName = "UserWithSubscriptionId")]
        [Parameter(ParameterSetName = "ManagedService")]
        [Parameter(ParameterSetName = "AccessToken")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AccountId { get; set; }

        [Parameter(ParameterSetName = "UserWithSubscriptionId")]
        [Alias("DeviceCode", "DeviceAuth", "Device")]
        public SwitchParameter UseDeviceAuthentication { get; set; }

        [Parameter(ParameterSetName = "UserWithCredential", Mandatory = true)]
        [Parameter(ParameterSetName = "ServicePrincipalWithCredential", Mandatory = true)]
        public PSCredential Credential { get; set; }

        [Parameter(ParameterSetName = "ServicePrincipalWithCredential", Mandatory = true)]
        [Parameter(ParameterSetName = "ServicePrincipalWithClientSecret")]
        [Parameter(ParameterSetName = "ServicePrincipalCertificateFile")]
        [Parameter(ParameterSetName = "ClientAssertion")]
        [Parameter(ParameterSetName = "ClientAssertionFile")]
        [Parameter(ParameterSetName = "ServicePrincipalFromEnvironment", Mandatory = true)]
        public SwitchParameter ServicePrincipal { get; set; }

        [Parameter(ParameterSetName = "ServicePrincipalWithClientSecret", Mandatory = true)]
        [Parameter(ParameterSetName = "ServicePrincipalCertificateFile", Mandatory = true)]
        [Parameter(ParameterSetName = "ClientAssertion", Mandatory = true)]
        [Parameter(ParameterSetName = "ClientAssertionFile", Mandatory = true)]
        [Alias("ClientId")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ApplicationId { get; set; }

        [Parameter(ParameterSetName = "ServicePrincipalWithClientSecret", Mandatory = true)]
        public SecureString ClientSecret { get; set; }

        [Parameter(ParameterSetName = "ServicePrincipalCertificateFile", Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string CertificatePath { get; set; }

        [Parameter(ParameterSetName = "ServicePrincipalCertificateFile")]
        public SecureString CertificatePassword { get; set; }

        [Parameter(ParameterSetName = "ServicePrincipalCertificateFile")]
        public SwitchParameter SendCertificateChain { get; set; }

        [Parameter(ParameterSetName = "ClientAssertion", Mandatory = true)]
        [Alias("ClientAssertion")]
        public SecureString FederatedToken { get; set; }

        [Parameter(ParameterSetName = "ClientAssertionFile", Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string FederatedTokenFile { get; set; }

        [Parameter(ParameterSetName = "ManagedService", Mandatory = true)]
        [Alias("MSI", "ManagedService")]
        public SwitchParameter Identity { get; set; }

        [Parameter(ParameterSetName = "AccessToken", Mandatory = true)]
        public SecureString AccessToken { get; set; }

        [Parameter(ParameterSetName = "UserWithSubscriptionId")]
        [Parameter(ParameterSetName = "UserWithCredential")]
        [Parameter(ParameterSetName = "ServicePrincipalWithCredential")]
        [Parameter(ParameterSetName = "ServicePrincipalWithClientSecret")]
        [Parameter(ParameterSetName = "ServicePrincipalCertificateFile")]
        [Parameter(ParameterSetName = "ClientAssertion")]
        [Parameter(ParameterSetName = "ClientAssertionFile")]
        [Parameter(ParameterSetName = "ServicePrincipalFromEnvironment")]
        [Parameter(ParameterSetName = "ManagedService")]
        [Alias("AuthScopeTypeName")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AuthScope { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContextName { get; set; }

        [Parameter()]
        public SwitchParameter SkipContextPopulation { get; set; }

        [Parameter()]
        [ValidateRange(-1, 100000)]
        public int MaxContextPopulation { get; set; }

        [Parameter()]
        public SwitchParameter Force { get; set; }

        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter(ParameterSetName = "UserWithSubscriptionId")]
        [Parameter(ParameterSetName = "UserWithCredential")]
        [ValidateRange(1, 3600)]
        public int Timeout { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess("an account in environment " + (Has(bound, "Environment") ? Text(bound, "Environment") : "AzureCloud"), "Connect", IsSet(bound, "Force"))) Run("connect", bound, "MyAccount.Profile", "Invoke-MyAccountSubscriptionPicker");
        }
    }

    /// <summary>Disconnect-MyAccount: runs myaccount disconnect.</summary>
    [Cmdlet("Disconnect", "MyAccount", DefaultParameterSetName = "ContextName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [Alias("Logout-MyAccount", "Remove-MyAccount")]
    [OutputType("MyAccount.Account")]
    public sealed class DisconnectMyAccountCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "ContextName", Position = 0)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContextName { get; set; }

        [Parameter(ParameterSetName = "UserId", Mandatory = true)]
        [Alias("Id", "UserId")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Username { get; set; }

        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter All { get; set; }

        [Parameter]
        [Alias("AzContext", "AzureRmContext", "AzureCredential")]
        public PSObject DefaultProfile { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            ResolveDefaultProfile(bound, "ContextName");
            if (ShouldProcess(Has(bound, "Username") ? Text(bound, "Username") : IsSet(bound, "All") ? "every signed-in account" : ContextAccount(Text(bound, "ContextName"), ConfirmImpact.Medium), "Disconnect")) Run("disconnect", bound, "MyAccount.Account");
        }
    }

    /// <summary>Get-MyAccessToken: runs myaccount get-access-token.</summary>
    [Cmdlet("Get", "MyAccessToken", DefaultParameterSetName = "KnownResourceTypeName")]
    [OutputType("MyAccount.AccessToken")]
    public sealed class GetMyAccessTokenCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "KnownResourceTypeName")]
        [ValidateSet("Arm", "ResourceManager", "MSGraph", "AadGraph", "KeyVault", "Storage", "Synapse", "OperationalInsights", "Batch", "DataLake", "AnalysisServices", "Attestation", "AppConfiguration", "CommunicationEmail")]
        public string ResourceTypeName { get; set; }

        [Parameter(ParameterSetName = "ResourceUrl", Mandatory = true)]
        [Alias("Resource", "ResourceUri")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ResourceUrl { get; set; }

        [Parameter()]
        [ArgumentCompleter(typeof(TenantCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string TenantId { get; set; }

        [Parameter()]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContextName { get; set; }

        [Parameter]
        [Alias("AzContext", "AzureRmContext", "AzureCredential")]
        public PSObject DefaultProfile { get; set; }

        [Parameter]
        public SwitchParameter AsSecureString { get; set; }

        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            ResolveDefaultProfile(bound, "ContextName");
            Run("get-access-token", bound, "MyAccount.AccessToken", new[] { "Token", "ExpiresOn", "TenantId", "UserId", "Type" }, "Token", AsPlainText.IsPresent);
        }
    }

    /// <summary>Get-MySubscription: runs myaccount get-subscription.</summary>
    [Cmdlet("Get", "MySubscription", DefaultParameterSetName = "ListByIdInTenant")]
    [OutputType("MyAccount.Subscription")]
    public sealed class GetMySubscriptionCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "ListByIdInTenant", ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SubscriptionIdCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
        public string SubscriptionId { get; set; }

        [Parameter(ParameterSetName = "ListByNameInTenant", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SubscriptionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string SubscriptionName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Tenant")]
        [ArgumentCompleter(typeof(TenantCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string TenantId { get; set; }

        [Parameter()]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContextName { get; set; }

        [Parameter]
        [Alias("AzContext", "AzureRmContext", "AzureCredential")]
        public PSObject DefaultProfile { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            ResolveDefaultProfile(bound, "ContextName");
            Run("get-subscription", bound, "MyAccount.Subscription");
        }
    }

    /// <summary>Get-MyTenant: runs myaccount get-tenant.</summary>
    [Cmdlet("Get", "MyTenant")]
    [Alias("Get-MyDomain")]
    [OutputType("MyAccount.Tenant")]
    public sealed class GetMyTenantCommand : MyAccountCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Domain", "Tenant")]
        [ArgumentCompleter(typeof(TenantCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string TenantId { get; set; }

        [Parameter()]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContextName { get; set; }

        [Parameter]
        [Alias("AzContext", "AzureRmContext", "AzureCredential")]
        public PSObject DefaultProfile { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            ResolveDefaultProfile(bound, "ContextName");
            Run("get-tenant", bound, "MyAccount.Tenant");
        }
    }

    /// <summary>Invoke-MyRestMethod: runs myaccount rest.</summary>
    [Cmdlet("Invoke", "MyRestMethod", DefaultParameterSetName = "ByPath")]
    [Alias("Invoke-MyRest")]
    [OutputType("MyAccount.HttpResponse")]
    public sealed class InvokeMyRestMethodCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "ByPath", Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Path { get; set; }

        [Parameter(ParameterSetName = "ByURI", Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Uri { get; set; }

        [Parameter(ParameterSetName = "ByURI")]
        [Alias("Resource")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ResourceId { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 16)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Method { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 64)]
        [ValidatePattern(@"^[A-Za-z0-9.-]+$")]
        public string ApiVersion { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(0, 4194304)]
        public string Payload { get; set; }

        [Parameter()]
        public SwitchParameter WaitForCompletion { get; set; }

        [Parameter()]
        public SwitchParameter Paginate { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 128)]
        [ValidatePattern(@"^[A-Za-z0-9_.@$-]+$")]
        public string NextLinkName { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 128)]
        [ValidatePattern(@"^[A-Za-z0-9_.@$-]+$")]
        public string PageableItemName { get; set; }

        [Parameter()]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContextName { get; set; }

        [Parameter]
        [Alias("AzContext", "AzureRmContext", "AzureCredential")]
        public PSObject DefaultProfile { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            ResolveDefaultProfile(bound, "ContextName");
            Run("rest", bound, "MyAccount.HttpResponse");
        }
    }

    /// <summary>Get-MyContext: runs myaccount get-context.</summary>
    [Cmdlet("Get", "MyContext", DefaultParameterSetName = "GetSingleContext")]
    [OutputType("MyAccount.Context")]
    public sealed class GetMyContextCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "GetSingleContext", Position = 0)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Name { get; set; }

        [Parameter(ParameterSetName = "ListAllContexts", Mandatory = true)]
        public SwitchParameter ListAvailable { get; set; }

        [Parameter(ParameterSetName = "ListAllContexts")]
        public SwitchParameter RefreshContextFromTokenCache { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("get-context", bound, "MyAccount.Context");
        }
    }

    /// <summary>Set-MyContext: runs myaccount set-context.</summary>
    [Cmdlet("Set", "MyContext", DefaultParameterSetName = "Context", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [Alias("Select-MySubscription")]
    [OutputType("MyAccount.Context")]
    public sealed class SetMyContextCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "Subscription", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SubscriptionId", "SubscriptionName")]
        [ArgumentCompleter(typeof(SubscriptionCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Subscription { get; set; }

        [Parameter(ParameterSetName = "Subscription")]
        [Parameter(ParameterSetName = "TenantNameOnly", Mandatory = true)]
        [Alias("Domain", "TenantId")]
        [ArgumentCompleter(typeof(TenantCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Tenant { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Name { get; set; }

        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter()]
        public SwitchParameter Force { get; set; }

        [Parameter(ParameterSetName = "Context", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Context")]
        public PSObject Context { get; set; }

        [Parameter(ParameterSetName = "SubscriptionObject", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Subscription")]
        public PSObject SubscriptionObject { get; set; }

        [Parameter(ParameterSetName = "TenantObject", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Tenant")]
        public PSObject TenantObject { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ParameterSetName == "Context") AddObjectInput(bound, "Context", "Subscription", "Subscription.Id", "Tenant", "Tenant.Id", "Name", "Name");
            if (ParameterSetName == "SubscriptionObject") AddObjectInput(bound, "SubscriptionObject", "Subscription", "Id", "Tenant", "TenantId");
            if (ParameterSetName == "TenantObject") AddObjectInput(bound, "TenantObject", "Tenant", "Id");
            if (ShouldProcess(Has(bound, "Name") ? Text(bound, "Name") : Has(bound, "Subscription") ? "subscription " + Text(bound, "Subscription") : Has(bound, "Tenant") ? "tenant " + Text(bound, "Tenant") : "the default context", "Set", IsSet(bound, "Force"))) Run("set-context", bound, "MyAccount.Context");
        }
    }

    /// <summary>Select-MyContext: runs myaccount select-context.</summary>
    [Cmdlet("Select", "MyContext", DefaultParameterSetName = "SelectByName")]
    [OutputType("MyAccount.Context")]
    public sealed class SelectMyContextCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "SelectByName", Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Name { get; set; }

        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter(ParameterSetName = "SelectByInputObject", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Context")]
        public PSObject InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ParameterSetName == "SelectByInputObject") AddObjectInput(bound, "InputObject", "Name", "Name");
            Run("select-context", bound, "MyAccount.Context");
        }
    }

    /// <summary>Rename-MyContext: runs myaccount rename-context.</summary>
    [Cmdlet("Rename", "MyContext", DefaultParameterSetName = "RenameByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType("MyAccount.Context")]
    public sealed class RenameMyContextCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "RenameByName", Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string SourceName { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string TargetName { get; set; }

        [Parameter()]
        public SwitchParameter Force { get; set; }

        [Parameter()]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ParameterSetName = "RenameByInputObject", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Context")]
        public PSObject InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ParameterSetName == "RenameByInputObject") AddObjectInput(bound, "InputObject", "SourceName", "Name");
            if (ShouldProcess(Text(bound, "SourceName"), "Rename", IsSet(bound, "Force"))) Run("rename-context", bound, "MyAccount.Context");
        }
    }

    /// <summary>Remove-MyContext: runs myaccount remove-context.</summary>
    [Cmdlet("Remove", "MyContext", DefaultParameterSetName = "RemoveByName", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("MyAccount.Context")]
    public sealed class RemoveMyContextCommand : MyAccountCmdlet
    {
        [Parameter(ParameterSetName = "RemoveByName", Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Name { get; set; }

        [Parameter()]
        public SwitchParameter Force { get; set; }

        [Parameter()]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ParameterSetName = "RemoveByInputObject", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Context")]
        public PSObject InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ParameterSetName == "RemoveByInputObject") AddObjectInput(bound, "InputObject", "Name", "Name");
            if (ShouldProcess(Text(bound, "Name"), "Remove", IsSet(bound, "Force"))) Run("remove-context", bound, "MyAccount.Context");
        }
    }

    /// <summary>Clear-MyContext: runs myaccount clear-context.</summary>
    [Cmdlet("Clear", "MyContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType("System.Boolean")]
    public sealed class ClearMyContextCommand : MyAccountCmdlet
    {
        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter()]
        public SwitchParameter PassThru { get; set; }

        [Parameter()]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(string.Equals(Text(bound, "Scope"), "Process", StringComparison.OrdinalIgnoreCase) ? "the default context of this session" : "every context, account and cached token", "Clear", IsSet(bound, "Force"))) Run("clear-context", bound, "System.Boolean");
        }
    }

    /// <summary>Save-MyContext: runs myaccount save-context.</summary>
    [Cmdlet("Save", "MyContext", DefaultParameterSetName = "Default")]
    [Alias("Save-MyProfile")]
    [OutputType("MyAccount.ContextFile")]
    public sealed class SaveMyContextCommand : MyAccountCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Path { get; set; }

        [Parameter(ParameterSetName = "ByName", Mandatory = true)]
        [ArgumentCompleter(typeof(ContextNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Name { get; set; }

        [Parameter(ParameterSetName = "All", Mandatory = true)]
        public SwitchParameter All { get; set; }

        [Parameter(ParameterSetName = "Default")]
        [Parameter(ParameterSetName = "ByName")]
        [Parameter(ParameterSetName = "All")]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("save-context", bound, "MyAccount.ContextFile");
        }
    }

    /// <summary>Import-MyContext: runs myaccount import-context.</summary>
    [Cmdlet("Import", "MyContext")]
    [Alias("Import-MyProfile")]
    [OutputType("MyAccount.ContextFile")]
    public sealed class ImportMyContextCommand : MyAccountCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Path { get; set; }

        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("import-context", bound, "MyAccount.ContextFile");
        }
    }

    /// <summary>Enable-MyContextAutosave: runs myaccount enable-context-autosave.</summary>
    [Cmdlet("Enable", "MyContextAutosave")]
    [OutputType("MyAccount.ContextAutosaveSettings")]
    public sealed class EnableMyContextAutosaveCommand : MyAccountCmdlet
    {
        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("enable-context-autosave", bound, "MyAccount.ContextAutosaveSettings");
        }
    }

    /// <summary>Disable-MyContextAutosave: runs myaccount disable-context-autosave.</summary>
    [Cmdlet("Disable", "MyContextAutosave")]
    [OutputType("MyAccount.ContextAutosaveSettings")]
    public sealed class DisableMyContextAutosaveCommand : MyAccountCmdlet
    {
        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("disable-context-autosave", bound, "MyAccount.ContextAutosaveSettings");
        }
    }

    /// <summary>Get-MyContextAutosaveSetting: runs myaccount get-context-autosave-setting.</summary>
    [Cmdlet("Get", "MyContextAutosaveSetting")]
    [OutputType("MyAccount.ContextAutosaveSettings")]
    public sealed class GetMyContextAutosaveSettingCommand : MyAccountCmdlet
    {
        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("get-context-autosave-setting", bound, "MyAccount.ContextAutosaveSettings");
        }
    }

    /// <summary>Get-MyConfig: runs myaccount get-config.</summary>
    [Cmdlet("Get", "MyConfig")]
    [OutputType("MyAccount.Config")]
    public sealed class GetMyConfigCommand : MyAccountCmdlet
    {
        [Parameter()]
        public SwitchParameter EnableLoginByWam { get; set; }

        [Parameter()]
        public SwitchParameter DefaultSubscriptionForLogin { get; set; }

        [Parameter()]
        public SwitchParameter LoginExperienceV2 { get; set; }

        [Parameter()]
        public SwitchParameter DisableInstanceDiscovery { get; set; }

        [Parameter()]
        public SwitchParameter AllowPlaintextTokenCache { get; set; }

        [Parameter()]
        public SwitchParameter TenantConcurrency { get; set; }

        [Parameter()]
        public SwitchParameter ClientId { get; set; }

        [Parameter()]
        [ValidateSet("Default", "Environment", "CurrentUser", "Process")]
        public string Scope { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("get-config", bound, "MyAccount.Config");
        }
    }

    /// <summary>Update-MyConfig: runs myaccount update-config.</summary>
    [Cmdlet("Update", "MyConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [Alias("Set-MyConfig")]
    [OutputType("MyAccount.Config")]
    public sealed class UpdateMyConfigCommand : MyAccountCmdlet
    {
        [Parameter()]
        public bool EnableLoginByWam { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(0, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f]*$")]
        public string DefaultSubscriptionForLogin { get; set; }

        [Parameter()]
        [ValidateSet("On", "Off")]
        public string LoginExperienceV2 { get; set; }

        [Parameter()]
        public bool DisableInstanceDiscovery { get; set; }

        [Parameter()]
        public bool AllowPlaintextTokenCache { get; set; }

        [Parameter()]
        [ValidateRange(1, 64)]
        public int TenantConcurrency { get; set; }

        [Parameter()]
        [ValidateNotNullOrEmpty]
        [ValidateLength(0, 36)]
        [ValidatePattern(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
        public string ClientId { get; set; }

        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter()]
        [ValidateSet("Az", "MyAccount")]
        public string AppliesTo { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(SettingsNamed(bound, "EnableLoginByWam", "DefaultSubscriptionForLogin", "LoginExperienceV2", "DisableInstanceDiscovery", "AllowPlaintextTokenCache", "TenantConcurrency", "ClientId"), "Update")) Run("update-config", bound, "MyAccount.Config");
        }
    }

    /// <summary>Clear-MyConfig: runs myaccount clear-config.</summary>
    [Cmdlet("Clear", "MyConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("MyAccount.Config")]
    public sealed class ClearMyConfigCommand : MyAccountCmdlet
    {
        [Parameter()]
        public SwitchParameter EnableLoginByWam { get; set; }

        [Parameter()]
        public SwitchParameter DefaultSubscriptionForLogin { get; set; }

        [Parameter()]
        public SwitchParameter LoginExperienceV2 { get; set; }

        [Parameter()]
        public SwitchParameter DisableInstanceDiscovery { get; set; }

        [Parameter()]
        public SwitchParameter AllowPlaintextTokenCache { get; set; }

        [Parameter()]
        public SwitchParameter TenantConcurrency { get; set; }

        [Parameter()]
        public SwitchParameter ClientId { get; set; }

        [Parameter()]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter()]
        public SwitchParameter Force { get; set; }

        [Parameter()]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(SettingsNamed(bound, "EnableLoginByWam", "DefaultSubscriptionForLogin", "LoginExperienceV2", "DisableInstanceDiscovery", "AllowPlaintextTokenCache", "TenantConcurrency", "ClientId"), "Clear", IsSet(bound, "Force"))) Run("clear-config", bound, "MyAccount.Config");
        }
    }

    /// <summary>Export-MyConfig: runs myaccount export-config.</summary>
    [Cmdlet("Export", "MyConfig")]
    [OutputType("MyAccount.ConfigExport")]
    public sealed class ExportMyConfigCommand : MyAccountCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Path { get; set; }

        [Parameter()]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("export-config", bound, "MyAccount.ConfigExport");
        }
    }

    /// <summary>Import-MyConfig: runs myaccount import-config.</summary>
    [Cmdlet("Import", "MyConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType("MyAccount.Config")]
    public sealed class ImportMyConfigCommand : MyAccountCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 4096)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Path { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(Text(bound, "Path"), "Import")) Run("import-config", bound, "MyAccount.Config");
        }
    }

    /// <summary>Get-MyEnvironment: runs myaccount get-environment.</summary>
    [Cmdlet("Get", "MyEnvironment")]
    [OutputType("MyAccount.Environment")]
    public sealed class GetMyEnvironmentCommand : MyAccountCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 64)]
        [ValidatePattern(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
        public string Name { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            Run("get-environment", bound, "MyAccount.Environment");
        }
    }

    /// <summary>Add-MyEnvironment: runs myaccount add-environment.</summary>
    [Cmdlet("Add", "MyEnvironment", DefaultParameterSetName = "Name", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType("MyAccount.Environment")]
    public sealed class AddMyEnvironmentCommand : MyAccountCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 64)]
        [ValidatePattern(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
        public string Name { get; set; }

        [Parameter(ParameterSetName = "ARMEndpoint", Mandatory = true)]
        [Alias("ArmUrl")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ARMEndpoint { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("ActiveDirectoryEndpoint", "AdEndpointUrl", "ActiveDirectory")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ActiveDirectoryAuthority { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("ResourceManagerEndpoint", "ResourceManager")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ResourceManagerUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ActiveDirectoryServiceEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("ServiceEndpoint", "ServiceManagement")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ServiceManagementUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("GraphEndpoint", "Graph")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string GraphUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("GraphAudience", "GraphResourceId")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string GraphEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string MicrosoftGraphUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string MicrosoftGraphEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ManagementPortalUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("GalleryEndpoint", "Gallery")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string GalleryUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string PublishSettingsFileUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("StorageEndpoint")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string StorageEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string SqlDatabaseDnsSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string TrafficManagerDnsSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureKeyVaultDnsSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureKeyVaultServiceEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContainerRegistryEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("BatchResourceId", "BatchAudience")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string BatchEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("DataLakeAudience", "DataLakeResourceId")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string DataLakeEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureDataLakeStoreFileSystemEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureOperationalInsightsEndpoint { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureOperationalInsightsEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureAnalysisServicesEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AnalysisServicesEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureAttestationServiceEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureAttestationServiceEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureSynapseAnalyticsEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureSynapseAnalyticsEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AdTenant { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("OnPremise")]
        public bool EnableAdfsAuthentication { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(Text(bound, "Name"), "Add")) Run("add-environment", bound, "MyAccount.Environment");
        }
    }

    /// <summary>Set-MyEnvironment: runs myaccount set-environment.</summary>
    [Cmdlet("Set", "MyEnvironment", DefaultParameterSetName = "Name", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType("MyAccount.Environment")]
    public sealed class SetMyEnvironmentCommand : MyAccountCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 64)]
        [ValidatePattern(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
        public string Name { get; set; }

        [Parameter(ParameterSetName = "ARMEndpoint", Mandatory = true)]
        [Alias("ArmUrl")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ARMEndpoint { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("ActiveDirectoryEndpoint", "AdEndpointUrl", "ActiveDirectory")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ActiveDirectoryAuthority { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("ResourceManagerEndpoint", "ResourceManager")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ResourceManagerUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ActiveDirectoryServiceEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("ServiceEndpoint", "ServiceManagement")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ServiceManagementUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("GraphEndpoint", "Graph")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string GraphUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("GraphAudience", "GraphResourceId")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string GraphEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string MicrosoftGraphUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string MicrosoftGraphEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ManagementPortalUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("GalleryEndpoint", "Gallery")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string GalleryUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string PublishSettingsFileUrl { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("StorageEndpoint")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string StorageEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string SqlDatabaseDnsSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string TrafficManagerDnsSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureKeyVaultDnsSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureKeyVaultServiceEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContainerRegistryEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("BatchResourceId", "BatchAudience")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string BatchEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("DataLakeAudience", "DataLakeResourceId")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string DataLakeEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureDataLakeStoreFileSystemEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureOperationalInsightsEndpoint { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureOperationalInsightsEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureAnalysisServicesEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AnalysisServicesEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureAttestationServiceEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureAttestationServiceEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureSynapseAnalyticsEndpointSuffix { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2048)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AzureSynapseAnalyticsEndpointResourceId { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string AdTenant { get; set; }

        [Parameter(ParameterSetName = "Name")]
        [Alias("OnPremise")]
        public bool EnableAdfsAuthentication { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(Text(bound, "Name"), "Set")) Run("set-environment", bound, "MyAccount.Environment");
        }
    }

    /// <summary>Remove-MyEnvironment: runs myaccount remove-environment.</summary>
    [Cmdlet("Remove", "MyEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("MyAccount.Environment")]
    public sealed class RemoveMyEnvironmentCommand : MyAccountCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 64)]
        [ValidatePattern(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
        public string Name { get; set; }

        [Parameter()]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(Text(bound, "Name"), "Remove")) Run("remove-environment", bound, "MyAccount.Environment");
        }
    }
}
