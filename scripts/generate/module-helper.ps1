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
