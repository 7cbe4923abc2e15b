# Generated from the command registry by scripts/generate/module.ts. Do not edit.
@{
    # The root module is the compiled one (MyAccount.Helper.dll, generated from the registry): the
    # cmdlets, and the helper that runs the CLI for them. The module's own PowerShell (the
    # subscription picker, the writer for a stream whose preference is Inquire) is embedded there
    # and runs as a module of its own the first time it is needed. No root script: a script module
    # is compiled and set up on every import, and its first cmdlet call paid ~25-50 ms for it
    # (ReadyToRun pwsh, import + Get-MyContext, in turns), in every one-shot call.
    RootModule = 'MyAccount.Helper.dll'
    ModuleVersion = '0.1.0'
    GUID = '6f0c6a2e-5f0b-4d59-9a8e-3c1d2b7e4a91'
    Author = 'The MyAccount authors'
    CompanyName = 'MyAccount'
    Copyright = '(c) The MyAccount authors. MIT License.'
    Description = 'Sign people and pipelines into Azure: contexts, settings, environments and tokens, on the myaccount CLI (Node.js and MSAL).'
    PowerShellVersion = '7.4'
    CompatiblePSEditions = @('Core')
    FunctionsToExport = @()
    CmdletsToExport = @(
        'Connect-MyAccount',
        'Disconnect-MyAccount',
        'Get-MyAccessToken',
        'Get-MySubscription',
        'Get-MyTenant',
        'Invoke-MyRestMethod',
        'Get-MyContext',
        'Set-MyContext',
        'Select-MyContext',
        'Rename-MyContext',
        'Remove-MyContext',
        'Clear-MyContext',
        'Save-MyContext',
        'Import-MyContext',
        'Enable-MyContextAutosave',
        'Disable-MyContextAutosave',
        'Get-MyContextAutosaveSetting',
        'Get-MyConfig',
        'Update-MyConfig',
        'Clear-MyConfig',
        'Export-MyConfig',
        'Import-MyConfig',
        'Get-MyEnvironment',
        'Add-MyEnvironment',
        'Set-MyEnvironment',
        'Remove-MyEnvironment'
    )
    VariablesToExport = @()
    AliasesToExport = @(
        'Login-MyAccount',
        'Add-MyAccount',
        'Logout-MyAccount',
        'Remove-MyAccount',
        'Get-MyDomain',
        'Invoke-MyRest',
        'Select-MySubscription',
        'Save-MyProfile',
        'Import-MyProfile',
        'Set-MyConfig'
    )
    FormatsToProcess = @('MyAccount.format.ps1xml')
    # ToString for the module's objects, nested ones included: "$context.Account" is its id.
    TypesToProcess = @('MyAccount.types.ps1xml')
    PrivateData = @{
        PSData = @{
            Tags = @('Azure', 'Authentication', 'MSAL', 'Accounts')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
        # What wrote this module, and from which registry: a module that does not match the CLI
        # beside it (a copied or half-updated install) can be told apart from one that does.
        Generator = @{
            Name = 'scripts/generate/module.ts'
            Version = '0.1.0'
            RegistrySha256 = '14227c8e0d4b80f9204003696d23e34da4754afb09301a0ba86a95890b336c98'
            Commands = 26
        }
    }
}
