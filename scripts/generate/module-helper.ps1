# The module's PowerShell part, written once. The cmdlets, and running the CLI (its JSON input, its
# events as PowerShell streams, its result as typed objects, its error document as an ErrorRecord),
# are compiled, in MyAccount.Helper.dll (scripts/generate/module-helper-cs/): compiled once at
# build, where script would be compiled by every new session. Here: what PowerShell does best (the
# subscription picker's table and prompt, and writing a line whose stream asks to Inquire).
# Source: scripts/generate/module-helper.ps1, which the generator embeds in the DLL as it is
# (ModuleTables.HelperScript); the helper runs it as a module of its own the first time a cmdlet
# needs one of these functions, and sets $script:Cli, the helper itself, in that module.
Set-StrictMode -Version 3.0

#region Private

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
