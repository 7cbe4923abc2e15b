// The MyAccount cmdlets: generated from the command registry by scripts/generate/module.ts. Do not edit.
// Each gathers its bound parameters and hands them to the CLI through MyAccountCmdlet.
using System;
using System.Collections;
using System.Collections.Specialized;
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
        [Parameter]
        [Alias("EnvironmentName")]
        [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Environment { get; set; }

        [Parameter]
        [Alias("Domain", "TenantId")]
        [ArgumentCompleter(typeof(TenantCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Tenant { get; set; }

        [Parameter]
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

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string ContextName { get; set; }

        [Parameter]
        public SwitchParameter SkipContextPopulation { get; set; }

        [Parameter]
        [ValidateRange(-1, 100000)]
        public int MaxContextPopulation { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter(ParameterSetName = "UserWithSubscriptionId")]
        [Parameter(ParameterSetName = "UserWithCredential")]
        [ValidateRange(1, 3600)]
        public int Timeout { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcessUnlessForced("an account in environment " + (Has(bound, "Environment") ? Text(bound, "Environment") : "AzureCloud"), "Connect", IsSet(bound, "Force"))) Run("connect", bound, "MyAccount.Profile", "Invoke-MyAccountSubscriptionPicker");
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

        [Parameter]
        [ArgumentCompleter(typeof(TenantCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string TenantId { get; set; }

        [Parameter]
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

        [Parameter]
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

        [Parameter]
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

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 16)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Method { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 64)]
        [ValidatePattern(@"^[A-Za-z0-9.-]+$")]
        public string ApiVersion { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(0, 4194304)]
        public string Payload { get; set; }

        [Parameter]
        public SwitchParameter WaitForCompletion { get; set; }

        [Parameter]
        public SwitchParameter Paginate { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 128)]
        [ValidatePattern(@"^[A-Za-z0-9_.@$-]+$")]
        public string NextLinkName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 128)]
        [ValidatePattern(@"^[A-Za-z0-9_.@$-]+$")]
        public string PageableItemName { get; set; }

        [Parameter]
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

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f-\u009f]*$")]
        public string Name { get; set; }

        [Parameter]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter]
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
            if (ShouldProcessUnlessForced(Has(bound, "Name") ? Text(bound, "Name") : Has(bound, "Subscription") ? "subscription " + Text(bound, "Subscription") : Has(bound, "Tenant") ? "tenant " + Text(bound, "Tenant") : "the default context", "Set", IsSet(bound, "Force"))) Run("set-context", bound, "MyAccount.Context");
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

        [Parameter]
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

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ParameterSetName = "RenameByInputObject", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Context")]
        public PSObject InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ParameterSetName == "RenameByInputObject") AddObjectInput(bound, "InputObject", "SourceName", "Name");
            if (ShouldProcessUnlessForced(Text(bound, "SourceName"), "Rename", IsSet(bound, "Force"))) Run("rename-context", bound, "MyAccount.Context");
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

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ParameterSetName = "RemoveByInputObject", Mandatory = true, ValueFromPipeline = true)]
        [PSTypeName("MyAccount.Context")]
        public PSObject InputObject { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ParameterSetName == "RemoveByInputObject") AddObjectInput(bound, "InputObject", "Name", "Name");
            if (ShouldProcessUnlessForced(Text(bound, "Name"), "Remove", IsSet(bound, "Force"))) Run("remove-context", bound, "MyAccount.Context");
        }
    }

    /// <summary>Clear-MyContext: runs myaccount clear-context.</summary>
    [Cmdlet("Clear", "MyContext", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType("System.Boolean")]
    public sealed class ClearMyContextCommand : MyAccountCmdlet
    {
        [Parameter]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcessUnlessForced(string.Equals(Text(bound, "Scope"), "Process", StringComparison.OrdinalIgnoreCase) ? "the default context of this session" : "every context, account and cached token", "Clear", IsSet(bound, "Force"))) Run("clear-context", bound, "System.Boolean");
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

        [Parameter]
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
        [Parameter]
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
        [Parameter]
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
        [Parameter]
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
        [Parameter]
        public SwitchParameter EnableLoginByWam { get; set; }

        [Parameter]
        public SwitchParameter DefaultSubscriptionForLogin { get; set; }

        [Parameter]
        public SwitchParameter LoginExperienceV2 { get; set; }

        [Parameter]
        public SwitchParameter DisableInstanceDiscovery { get; set; }

        [Parameter]
        public SwitchParameter AllowPlaintextTokenCache { get; set; }

        [Parameter]
        public SwitchParameter TenantConcurrency { get; set; }

        [Parameter]
        public SwitchParameter ClientId { get; set; }

        [Parameter]
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
        [Parameter]
        public bool EnableLoginByWam { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(0, 256)]
        [ValidatePattern(@"^[^\u0000-\u001f\u007f]*$")]
        public string DefaultSubscriptionForLogin { get; set; }

        [Parameter]
        [ValidateSet("On", "Off")]
        public string LoginExperienceV2 { get; set; }

        [Parameter]
        public bool DisableInstanceDiscovery { get; set; }

        [Parameter]
        public bool AllowPlaintextTokenCache { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int TenantConcurrency { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(0, 36)]
        [ValidatePattern(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
        public string ClientId { get; set; }

        [Parameter]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter]
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
        [Parameter]
        public SwitchParameter EnableLoginByWam { get; set; }

        [Parameter]
        public SwitchParameter DefaultSubscriptionForLogin { get; set; }

        [Parameter]
        public SwitchParameter LoginExperienceV2 { get; set; }

        [Parameter]
        public SwitchParameter DisableInstanceDiscovery { get; set; }

        [Parameter]
        public SwitchParameter AllowPlaintextTokenCache { get; set; }

        [Parameter]
        public SwitchParameter TenantConcurrency { get; set; }

        [Parameter]
        public SwitchParameter ClientId { get; set; }

        [Parameter]
        [ValidateSet("Process", "CurrentUser")]
        public string Scope { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcessUnlessForced(SettingsNamed(bound, "EnableLoginByWam", "DefaultSubscriptionForLogin", "LoginExperienceV2", "DisableInstanceDiscovery", "AllowPlaintextTokenCache", "TenantConcurrency", "ClientId"), "Clear", IsSet(bound, "Force"))) Run("clear-config", bound, "MyAccount.Config");
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

        [Parameter]
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

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var bound = Bound();
            if (ShouldProcess(Text(bound, "Name"), "Remove")) Run("remove-environment", bound, "MyAccount.Environment");
        }
    }
}

namespace MyAccount.Helper
{
    /// <summary>What the helper knows of the registry, generated with the cmdlets.</summary>
    internal static class ModuleTables
    {
        /// <summary>Cmdlet name → the parameters it passes to the CLI (common parameters are not among them).</summary>
        public static readonly Hashtable Parameters = new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["Connect-MyAccount"] = new object[] { "Environment", "Tenant", "Subscription", "AccountId", "UseDeviceAuthentication", "Credential", "ServicePrincipal", "ApplicationId", "ClientSecret", "CertificatePath", "CertificatePassword", "SendCertificateChain", "FederatedToken", "FederatedTokenFile", "Identity", "AccessToken", "AuthScope", "ContextName", "SkipContextPopulation", "MaxContextPopulation", "Force", "Scope", "Timeout" },
            ["Disconnect-MyAccount"] = new object[] { "ContextName", "Username", "All" },
            ["Get-MyAccessToken"] = new object[] { "ResourceTypeName", "ResourceUrl", "TenantId", "ContextName" },
            ["Get-MySubscription"] = new object[] { "SubscriptionId", "SubscriptionName", "TenantId", "ContextName" },
            ["Get-MyTenant"] = new object[] { "TenantId", "ContextName" },
            ["Invoke-MyRestMethod"] = new object[] { "Path", "Uri", "ResourceId", "Method", "ApiVersion", "Payload", "WaitForCompletion", "Paginate", "NextLinkName", "PageableItemName", "ContextName" },
            ["Get-MyContext"] = new object[] { "Name", "ListAvailable", "RefreshContextFromTokenCache" },
            ["Set-MyContext"] = new object[] { "Subscription", "Tenant", "Name", "Scope", "Force" },
            ["Select-MyContext"] = new object[] { "Name", "Scope" },
            ["Rename-MyContext"] = new object[] { "SourceName", "TargetName", "Force", "PassThru" },
            ["Remove-MyContext"] = new object[] { "Name", "Force", "PassThru" },
            ["Clear-MyContext"] = new object[] { "Scope", "PassThru", "Force" },
            ["Save-MyContext"] = new object[] { "Path", "Name", "All", "Force" },
            ["Import-MyContext"] = new object[] { "Path", "Scope" },
            ["Enable-MyContextAutosave"] = new object[] { "Scope" },
            ["Disable-MyContextAutosave"] = new object[] { "Scope" },
            ["Get-MyContextAutosaveSetting"] = new object[] { "Scope" },
            ["Get-MyConfig"] = new object[] { "EnableLoginByWam", "DefaultSubscriptionForLogin", "LoginExperienceV2", "DisableInstanceDiscovery", "AllowPlaintextTokenCache", "TenantConcurrency", "ClientId", "Scope" },
            ["Update-MyConfig"] = new object[] { "EnableLoginByWam", "DefaultSubscriptionForLogin", "LoginExperienceV2", "DisableInstanceDiscovery", "AllowPlaintextTokenCache", "TenantConcurrency", "ClientId", "Scope", "AppliesTo" },
            ["Clear-MyConfig"] = new object[] { "EnableLoginByWam", "DefaultSubscriptionForLogin", "LoginExperienceV2", "DisableInstanceDiscovery", "AllowPlaintextTokenCache", "TenantConcurrency", "ClientId", "Scope", "Force", "PassThru" },
            ["Export-MyConfig"] = new object[] { "Path", "Force" },
            ["Import-MyConfig"] = new object[] { "Path" },
            ["Get-MyEnvironment"] = new object[] { "Name" },
            ["Add-MyEnvironment"] = new object[] { "Name", "ARMEndpoint", "ActiveDirectoryAuthority", "ResourceManagerUrl", "ActiveDirectoryServiceEndpointResourceId", "ServiceManagementUrl", "GraphUrl", "GraphEndpointResourceId", "MicrosoftGraphUrl", "MicrosoftGraphEndpointResourceId", "ManagementPortalUrl", "GalleryUrl", "PublishSettingsFileUrl", "StorageEndpointSuffix", "SqlDatabaseDnsSuffix", "TrafficManagerDnsSuffix", "AzureKeyVaultDnsSuffix", "AzureKeyVaultServiceEndpointResourceId", "ContainerRegistryEndpointSuffix", "BatchEndpointResourceId", "DataLakeEndpointResourceId", "AzureDataLakeStoreFileSystemEndpointSuffix", "AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix", "AzureOperationalInsightsEndpoint", "AzureOperationalInsightsEndpointResourceId", "AzureAnalysisServicesEndpointSuffix", "AnalysisServicesEndpointResourceId", "AzureAttestationServiceEndpointSuffix", "AzureAttestationServiceEndpointResourceId", "AzureSynapseAnalyticsEndpointSuffix", "AzureSynapseAnalyticsEndpointResourceId", "AdTenant", "EnableAdfsAuthentication" },
            ["Set-MyEnvironment"] = new object[] { "Name", "ARMEndpoint", "ActiveDirectoryAuthority", "ResourceManagerUrl", "ActiveDirectoryServiceEndpointResourceId", "ServiceManagementUrl", "GraphUrl", "GraphEndpointResourceId", "MicrosoftGraphUrl", "MicrosoftGraphEndpointResourceId", "ManagementPortalUrl", "GalleryUrl", "PublishSettingsFileUrl", "StorageEndpointSuffix", "SqlDatabaseDnsSuffix", "TrafficManagerDnsSuffix", "AzureKeyVaultDnsSuffix", "AzureKeyVaultServiceEndpointResourceId", "ContainerRegistryEndpointSuffix", "BatchEndpointResourceId", "DataLakeEndpointResourceId", "AzureDataLakeStoreFileSystemEndpointSuffix", "AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix", "AzureOperationalInsightsEndpoint", "AzureOperationalInsightsEndpointResourceId", "AzureAnalysisServicesEndpointSuffix", "AnalysisServicesEndpointResourceId", "AzureAttestationServiceEndpointSuffix", "AzureAttestationServiceEndpointResourceId", "AzureSynapseAnalyticsEndpointSuffix", "AzureSynapseAnalyticsEndpointResourceId", "AdTenant", "EnableAdfsAuthentication" },
            ["Remove-MyEnvironment"] = new object[] { "Name", "PassThru" },
        };

        /// <summary>Cmdlet name → its file path parameters, resolved against PowerShell's current location before the CLI sees them.</summary>
        public static readonly Hashtable PathParameters = new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["Connect-MyAccount"] = new object[] { "CertificatePath", "FederatedTokenFile" },
            ["Save-MyContext"] = new object[] { "Path" },
            ["Import-MyContext"] = new object[] { "Path" },
            ["Export-MyConfig"] = new object[] { "Path" },
            ["Import-MyConfig"] = new object[] { "Path" },
        };

        /// <summary>Result type → dotted path → the type name of the nested object there (scripts/generate/types.ts).</summary>
        public static readonly Hashtable NestedTypes = new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["MyAccount.Context"] = new OrderedDictionary { { "Account", "MyAccount.Account" }, { "Environment", "MyAccount.Environment" }, { "Subscription", "MyAccount.Subscription" }, { "Tenant", "MyAccount.Tenant" } },
            ["MyAccount.Profile"] = new OrderedDictionary { { "Context", "MyAccount.Context" }, { "Context.Account", "MyAccount.Account" }, { "Context.Environment", "MyAccount.Environment" }, { "Context.Subscription", "MyAccount.Subscription" }, { "Context.Tenant", "MyAccount.Tenant" }, { "Subscriptions", "MyAccount.Subscription" } },
        };

        /// <summary>CLI command → cmdlet name.</summary>
        public static readonly Hashtable CmdletOfCommand = new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["connect"] = "Connect-MyAccount",
            ["disconnect"] = "Disconnect-MyAccount",
            ["get-access-token"] = "Get-MyAccessToken",
            ["get-subscription"] = "Get-MySubscription",
            ["get-tenant"] = "Get-MyTenant",
            ["rest"] = "Invoke-MyRestMethod",
            ["get-context"] = "Get-MyContext",
            ["set-context"] = "Set-MyContext",
            ["select-context"] = "Select-MyContext",
            ["rename-context"] = "Rename-MyContext",
            ["remove-context"] = "Remove-MyContext",
            ["clear-context"] = "Clear-MyContext",
            ["save-context"] = "Save-MyContext",
            ["import-context"] = "Import-MyContext",
            ["enable-context-autosave"] = "Enable-MyContextAutosave",
            ["disable-context-autosave"] = "Disable-MyContextAutosave",
            ["get-context-autosave-setting"] = "Get-MyContextAutosaveSetting",
            ["get-config"] = "Get-MyConfig",
            ["update-config"] = "Update-MyConfig",
            ["clear-config"] = "Clear-MyConfig",
            ["export-config"] = "Export-MyConfig",
            ["import-config"] = "Import-MyConfig",
            ["get-environment"] = "Get-MyEnvironment",
            ["add-environment"] = "Add-MyEnvironment",
            ["set-environment"] = "Set-MyEnvironment",
            ["remove-environment"] = "Remove-MyEnvironment",
        };

        /// <summary>CLI flag (without --) → parameter name.</summary>
        public static readonly Hashtable ParameterOfFlag = new Hashtable(StringComparer.OrdinalIgnoreCase)
        {
            ["access-token"] = "AccessToken",
            ["account-id"] = "AccountId",
            ["active-directory-authority"] = "ActiveDirectoryAuthority",
            ["active-directory-service-endpoint-resource-id"] = "ActiveDirectoryServiceEndpointResourceId",
            ["ad-tenant"] = "AdTenant",
            ["all"] = "All",
            ["allow-plaintext-token-cache"] = "AllowPlaintextTokenCache",
            ["analysis-services-endpoint-resource-id"] = "AnalysisServicesEndpointResourceId",
            ["api-version"] = "ApiVersion",
            ["application-id"] = "ApplicationId",
            ["applies-to"] = "AppliesTo",
            ["arm-endpoint"] = "ARMEndpoint",
            ["auth-scope"] = "AuthScope",
            ["azure-analysis-services-endpoint-suffix"] = "AzureAnalysisServicesEndpointSuffix",
            ["azure-attestation-service-endpoint-resource-id"] = "AzureAttestationServiceEndpointResourceId",
            ["azure-attestation-service-endpoint-suffix"] = "AzureAttestationServiceEndpointSuffix",
            ["azure-data-lake-analytics-catalog-and-job-endpoint-suffix"] = "AzureDataLakeAnalyticsCatalogAndJobEndpointSuffix",
            ["azure-data-lake-store-file-system-endpoint-suffix"] = "AzureDataLakeStoreFileSystemEndpointSuffix",
            ["azure-key-vault-dns-suffix"] = "AzureKeyVaultDnsSuffix",
            ["azure-key-vault-service-endpoint-resource-id"] = "AzureKeyVaultServiceEndpointResourceId",
            ["azure-operational-insights-endpoint"] = "AzureOperationalInsightsEndpoint",
            ["azure-operational-insights-endpoint-resource-id"] = "AzureOperationalInsightsEndpointResourceId",
            ["azure-synapse-analytics-endpoint-resource-id"] = "AzureSynapseAnalyticsEndpointResourceId",
            ["azure-synapse-analytics-endpoint-suffix"] = "AzureSynapseAnalyticsEndpointSuffix",
            ["batch-endpoint-resource-id"] = "BatchEndpointResourceId",
            ["body"] = "Payload",
            ["certificate-password"] = "CertificatePassword",
            ["certificate-path"] = "CertificatePath",
            ["client-id"] = "ClientId",
            ["client-secret"] = "ClientSecret",
            ["container-registry-endpoint-suffix"] = "ContainerRegistryEndpointSuffix",
            ["context-name"] = "ContextName",
            ["credential"] = "Credential",
            ["data-lake-endpoint-resource-id"] = "DataLakeEndpointResourceId",
            ["default-subscription-for-login"] = "DefaultSubscriptionForLogin",
            ["device"] = "UseDeviceAuthentication",
            ["device-auth"] = "UseDeviceAuthentication",
            ["device-code"] = "UseDeviceAuthentication",
            ["disable-instance-discovery"] = "DisableInstanceDiscovery",
            ["domain"] = "TenantId",
            ["enable-adfs-authentication"] = "EnableAdfsAuthentication",
            ["enable-login-by-wam"] = "EnableLoginByWam",
            ["environment"] = "Environment",
            ["federated-token"] = "FederatedToken",
            ["federated-token-file"] = "FederatedTokenFile",
            ["force"] = "Force",
            ["gallery-url"] = "GalleryUrl",
            ["graph-endpoint-resource-id"] = "GraphEndpointResourceId",
            ["graph-url"] = "GraphUrl",
            ["identity"] = "Identity",
            ["list-available"] = "ListAvailable",
            ["login-experience-v2"] = "LoginExperienceV2",
            ["management-portal-url"] = "ManagementPortalUrl",
            ["max-context-population"] = "MaxContextPopulation",
            ["method"] = "Method",
            ["microsoft-graph-endpoint-resource-id"] = "MicrosoftGraphEndpointResourceId",
            ["microsoft-graph-url"] = "MicrosoftGraphUrl",
            ["name"] = "Name",
            ["next-link-name"] = "NextLinkName",
            ["pageable-item-name"] = "PageableItemName",
            ["paginate"] = "Paginate",
            ["pass-thru"] = "PassThru",
            ["path"] = "Path",
            ["payload"] = "Payload",
            ["publish-settings-file-url"] = "PublishSettingsFileUrl",
            ["refresh-context-from-token-cache"] = "RefreshContextFromTokenCache",
            ["resource"] = "ResourceUrl",
            ["resource-id"] = "ResourceId",
            ["resource-manager-url"] = "ResourceManagerUrl",
            ["resource-type-name"] = "ResourceTypeName",
            ["resource-url"] = "ResourceUrl",
            ["scope"] = "Scope",
            ["send-certificate-chain"] = "SendCertificateChain",
            ["service-management-url"] = "ServiceManagementUrl",
            ["service-principal"] = "ServicePrincipal",
            ["skip-context-population"] = "SkipContextPopulation",
            ["source-name"] = "SourceName",
            ["sql-database-dns-suffix"] = "SqlDatabaseDnsSuffix",
            ["storage-endpoint-suffix"] = "StorageEndpointSuffix",
            ["subscription"] = "Subscription",
            ["subscription-id"] = "SubscriptionId",
            ["subscription-name"] = "SubscriptionName",
            ["target-name"] = "TargetName",
            ["tenant"] = "Tenant",
            ["tenant-concurrency"] = "TenantConcurrency",
            ["tenant-id"] = "TenantId",
            ["timeout"] = "Timeout",
            ["traffic-manager-dns-suffix"] = "TrafficManagerDnsSuffix",
            ["uri"] = "Uri",
            ["url"] = "Uri",
            ["use-device-authentication"] = "UseDeviceAuthentication",
            ["username"] = "Username",
            ["wait-for-completion"] = "WaitForCompletion",
        };

        /// <summary>Variables whose presence means a CI job, where nobody answers a prompt (src/core/ci.ts).</summary>
        public static readonly string[] CiVariables = { "CI", "TF_BUILD", "GITHUB_ACTIONS", "BUILD_BUILDID", "JENKINS_URL" };

        /// <summary>The module's PowerShell (scripts/generate/module-helper.ps1): the subscription picker and the Inquire writer.</summary>
        public const string HelperScript =
            "# The module's PowerShell part, written once. The cmdlets, and running the CLI (its JSON input, its\u000a" +
            "# events as PowerShell streams, its result as typed objects, its error document as an ErrorRecord),\u000a" +
            "# are compiled, in MyAccount.Helper.dll (scripts/generate/module-helper-cs/): compiled once at\u000a" +
            "# build, where script would be compiled by every new session. Here: what PowerShell does best (the\u000a" +
            "# subscription picker's table and prompt, and writing a line whose stream asks to Inquire).\u000a" +
            "# Source: scripts/generate/module-helper.ps1, which the generator embeds in the DLL as it is\u000a" +
            "# (ModuleTables.HelperScript); the helper runs it as a module of its own the first time a cmdlet\u000a" +
            "# needs one of these functions, and sets $script:Cli, the helper itself, in that module.\u000a" +
            "Set-StrictMode -Version 3.0\u000a" +
            "\u000a" +
            "#region Private\u000a" +
            "\u000a" +
            "function Write-MyAccountContinued {\u000a" +
            "    # Writes through its own runtime, whose preferences the call sets to Continue; the records join\u000a" +
            "    # the caller's streams like those of any command it runs.\u000a" +
            "    [CmdletBinding()]\u000a" +
            "    param([string] $Stream, $Message, [string[]] $Tags)\u000a" +
            "    switch ($Stream) {\u000a" +
            "        'Warning' { $PSCmdlet.WriteWarning($Message) }\u000a" +
            "        'Verbose' { $PSCmdlet.WriteVerbose($Message) }\u000a" +
            "        'Debug' { $PSCmdlet.WriteDebug($Message) }\u000a" +
            "        'Information' { $PSCmdlet.WriteInformation($Message, $Tags) }\u000a" +
            "    }\u000a" +
            "}\u000a" +
            "\u000a" +
            "function Invoke-MyAccountSubscriptionPicker {\u000a" +
            "    # Connect's subscription picker (LoginExperienceV2). The CLI cannot ask (its input is the\u000a" +
            "    # module's JSON), so it says when the picker was due (PickerSkipped) and PowerShell asks.\u000a" +
            "    param(\u000a" +
            "        [Parameter(ValueFromPipeline)] $Result,\u000a" +
            "        [System.Collections.IDictionary] $Bound,\u000a" +
            "        [System.Management.Automation.PSCmdlet] $Caller\u000a" +
            "    )\u000a" +
            "    process {\u000a" +
            "        if (-not $Result.PickerSkipped -or -not $script:Cli.IsPromptable()) { return $Result }\u000a" +
            "        $tenantNames = @{}\u000a" +
            "        foreach ($tenant in $Result.Tenants) { $tenantNames[$tenant.Id] = if ($tenant.Name) { $tenant.Name } else { $tenant.Id } }\u000a" +
            "        $current = $Result.Context.Subscription\u000a" +
            "        $rows = @($Result.Subscriptions | Sort-Object -Property @{ Expression = { $tenantNames[$_.TenantId] } }, Name, Id)\u000a" +
            "        $number = 0\u000a" +
            "        $table = foreach ($row in $rows) {\u000a" +
            "            $number++\u000a" +
            "            $marked = $current -and $row.Id -eq $current.Id -and $row.TenantId -eq $current.TenantId\u000a" +
            "            [pscustomobject]@{ No = '{0}[{1}]' -f $(if ($marked) { '*' } else { ' ' }), $number; 'Subscription name' = $row.Name; 'Subscription ID' = $row.Id; 'Tenant name' = $tenantNames[$row.TenantId] }\u000a" +
            "        }\u000a" +
            "        Write-Host ''\u000a" +
            "        Write-Host '[Tenant and subscription selection]'\u000a" +
            "        $table | Format-Table -AutoSize | Out-Host\u000a" +
            "        $chosen = $null\u000a" +
            "        for ($attempt = 0; $attempt -lt 5 -and -not $chosen; $attempt++) {\u000a" +
            "            $answer = \"$(Read-Host 'Select a subscription by its number (Enter for the one marked *)')\".Trim()\u000a" +
            "            if ($answer -eq '') { return $Result }\u000a" +
            "            $n = 0\u000a" +
            "            if (-not [int]::TryParse($answer, [ref]$n)) { $Caller.WriteWarning(('\"{0}\" is not a number. Type the number of a subscription from the list.' -f $answer)); continue }\u000a" +
            "            if ($n -lt 1 -or $n -gt $rows.Count) { $Caller.WriteWarning(\"$n is not in the list. Type a number from 1 to $($rows.Count).\"); continue }\u000a" +
            "            $chosen = $rows[$n - 1]\u000a" +
            "        }\u000a" +
            "        if (-not $chosen) {\u000a" +
            "            $Caller.WriteWarning(\"No subscription was selected; the default stays $($current.Name). Choose another with Set-MyContext.\")\u000a" +
            "            return $Result\u000a" +
            "        }\u000a" +
            "        if ($current -and $chosen.Id -eq $current.Id -and $chosen.TenantId -eq $current.TenantId) { return $Result }\u000a" +
            "        $select = @{ Subscription = $chosen.Id; Tenant = $chosen.TenantId }\u000a" +
            "        if ($Bound.ContainsKey('Scope')) { $select.Scope = $Bound['Scope'] }\u000a" +
            "        # A context named with -ContextName follows the choice.\u000a" +
            "        if ($Bound.ContainsKey('ContextName')) { $select.Name = $Bound['ContextName']; $select.Force = $true }\u000a" +
            "        $Result.Context = $script:Cli.Invoke($Caller, 'set-context', $select, 'MyAccount.Context') | Select-Object -First 1\u000a" +
            "        $Result.PickerSkipped = $false\u000a" +
            "        $Result\u000a" +
            "    }\u000a" +
            "}\u000a" +
            "\u000a" +
            "#endregion\u000a";
    }
}
