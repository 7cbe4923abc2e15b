/**
 * The module's private part, written once: the one helper that runs the CLI, turns its events
 * into PowerShell streams and its error document into an ErrorRecord, plus argument completers.
 * Kept as PowerShell text here (not generated per command) so no cmdlet carries a copy.
 */
export const MODULE_HELPER = String.raw`
#region Private: calling the CLI

# The CLI sits beside this module in the package: <package>/module and <package>/bin.
$script:MyAccountCli = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '..' 'bin' 'myaccount.js'))

function Get-MyAccountNode {
    # MYACCOUNT_NODE lets a machine with several Node.js installs choose one.
    if ($env:MYACCOUNT_NODE) { return $env:MYACCOUNT_NODE }
    $node = Get-Command -Name 'node' -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $node) {
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new('Node.js was not found. Install Node.js 20.19 or newer and make sure "node" is on PATH, or set MYACCOUNT_NODE to its full path.'),
            'NodeNotFound', [System.Management.Automation.ErrorCategory]::NotInstalled, $null)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    return $node.Source
}

function ConvertTo-MyAccountInput {
    # Bound parameters become the command's JSON input. Secrets are unwrapped only here, on their
    # way to the CLI's stdin; they never appear on a command line or in a variable that outlives this call.
    param([System.Collections.IDictionary] $Bound, [string[]] $Names)
    $values = [ordered]@{}
    foreach ($name in $Names) {
        if (-not $Bound.ContainsKey($name)) { continue }
        $value = $Bound[$name]
        if ($value -is [System.Management.Automation.SwitchParameter]) { $value = $value.IsPresent }
        elseif ($value -is [securestring]) { $value = [System.Net.NetworkCredential]::new('', $value).Password }
        elseif ($value -is [pscredential]) { $value = @{ UserName = $value.UserName; Password = $value.GetNetworkCredential().Password } }
        $values[$name] = $value
    }
    return $values
}

function Invoke-MyAccountCli {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Command,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Bound,
        [Parameter(Mandatory)] [string[]] $ParameterNames,
        [Parameter(Mandatory)] [System.Management.Automation.PSCmdlet] $Caller,
        [string] $TypeName
    )
    $arguments = [System.Collections.Generic.List[string]]::new()
    $arguments.Add($script:MyAccountCli)
    foreach ($word in $Command.Split(' ')) { $arguments.Add($word) }
    foreach ($word in @('--input-json', '-', '--events', 'jsonl')) { $arguments.Add($word) }
    if ($Caller.MyInvocation.BoundParameters['Verbose'] -or $VerbosePreference -ne 'SilentlyContinue') { $arguments.Add('--verbose') }
    if ($Caller.MyInvocation.BoundParameters['Debug'] -or $DebugPreference -ne 'SilentlyContinue') { $arguments.Add('--debug') }
    # Prompts belong to PowerShell (ShouldProcess, the subscription picker), never to the child.
    $arguments.Add('--no-prompt')

    $start = [System.Diagnostics.ProcessStartInfo]::new((Get-MyAccountNode))
    foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.StandardOutputEncoding = [System.Text.Encoding]::UTF8
    $start.StandardErrorEncoding = [System.Text.Encoding]::UTF8

    $json = ConvertTo-MyAccountInput -Bound $Bound -Names $ParameterNames | ConvertTo-Json -Depth 10 -Compress
    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $start
    $activities = [System.Collections.Generic.HashSet[string]]::new()
    try {
        $null = $process.Start()
        # UTF-8 without a byte-order mark, whatever the session's encoding.
        $stdin = [System.IO.StreamWriter]::new($process.StandardInput.BaseStream, [System.Text.UTF8Encoding]::new($false))
        $stdin.Write($json)
        $stdin.Close()
        $json = $null
        # stdout is read in the background so a large result cannot block the child while we read stderr.
        $stdoutTask = $process.StandardOutput.ReadToEndAsync()
        while ($null -ne ($line = $process.StandardError.ReadLine())) {
            $evt = $null
            try { $evt = $line | ConvertFrom-Json -ErrorAction Stop } catch { $evt = $null }
            if ($null -eq $evt -or -not $evt.PSObject.Properties['type']) { $Caller.WriteVerbose($line); continue }
            switch ($evt.type) {
                'warning' { $Caller.WriteWarning($evt.message) }
                'verbose' { $Caller.WriteVerbose($evt.message) }
                'debug' { $Caller.WriteDebug($evt.message) }
                'information' { $Caller.WriteInformation([System.Management.Automation.InformationRecord]::new($evt.message, 'MyAccount')) }
                'deviceCode' {
                    # Shown on the host even when output is captured, and kept in the information stream.
                    Write-Host $evt.message
                }
                'progress' {
                    $id = [math]::Abs($evt.activity.GetHashCode()) % 1000
                    $null = $activities.Add($evt.activity)
                    $progress = @{ Id = $id; Activity = $evt.activity }
                    if ($evt.PSObject.Properties['status'] -and $evt.status) { $progress.Status = $evt.status }
                    if ($evt.PSObject.Properties['percentComplete']) { $progress.PercentComplete = [int]$evt.percentComplete }
                    if ($evt.PSObject.Properties['completed'] -and $evt.completed) { $progress.Completed = $true }
                    Write-Progress @progress
                }
                'environment' {
                    # Process scope: the CLI cannot change this session's environment, so it asks us to.
                    foreach ($variable in $evt.variables.PSObject.Properties) {
                        if ($null -eq $variable.Value) { Remove-Item -LiteralPath "Env:$($variable.Name)" -ErrorAction Ignore }
                        else { Set-Item -LiteralPath "Env:$($variable.Name)" -Value $variable.Value }
                    }
                }
                default { $Caller.WriteVerbose($line) }
            }
        }
        $process.WaitForExit()
        $stdout = $stdoutTask.GetAwaiter().GetResult()
    }
    finally {
        foreach ($activity in $activities) { Write-Progress -Id ([math]::Abs($activity.GetHashCode()) % 1000) -Activity $activity -Completed }
        # Ctrl+C stops the pipeline and lands here: the CLI must not outlive the cmdlet.
        if (-not $process.HasExited) { try { $process.Kill($true) } catch { } }
    }

    $document = $null
    if ($stdout) {
        try { $document = $stdout | ConvertFrom-Json -Depth 64 -ErrorAction Stop } catch { $document = $null }
    }
    if ($process.ExitCode -ne 0) {
        $err = if ($document -and $document.PSObject.Properties['error']) { $document.error } else { $null }
        $message = if ($err) { $err.message } else { "myaccount $Command failed with exit code $($process.ExitCode)." }
        $category = [System.Management.Automation.ErrorCategory]::NotSpecified
        if ($err -and $err.category) { $null = [System.Enum]::TryParse([System.Management.Automation.ErrorCategory], $err.category, [ref]$category) }
        $id = if ($err -and $err.code) { $err.code } else { 'MyAccountFailed' }
        $target = if ($err) { $err.target } else { $null }
        $exception = if ($process.ExitCode -eq 2) { [System.ArgumentException]::new($message) } else { [System.InvalidOperationException]::new($message) }
        $record = [System.Management.Automation.ErrorRecord]::new($exception, "$id,$($Caller.MyInvocation.MyCommand.Name)", $category, $target)
        $Caller.ThrowTerminatingError($record)
    }
    if ($null -eq $document) { return }
    foreach ($item in @($document)) {
        if ($TypeName -and $item -is [psobject] -and $item -isnot [string] -and $item -isnot [bool]) { $item.PSObject.TypeNames.Insert(0, $TypeName) }
        $item
    }
}

#endregion

#region Private: argument completers

function Get-MyAccountCompletion {
    param([string] $Kind, [string] $WordToComplete)
    $map = @{
        Environment = @('get-environment', { param($r) $r.Name })
        Context = @('get-context --list-available', { param($r) $r.Name })
        Tenant = @('get-context --list-available', { param($r) if ($r.Tenant) { $r.Tenant.Id } })
        Subscription = @('get-context --list-available', { param($r) if ($r.Subscription) { $r.Subscription.Name; $r.Subscription.Id } })
    }
    $command, $select = $map[$Kind]
    $node = if ($env:MYACCOUNT_NODE) { $env:MYACCOUNT_NODE } else { 'node' }
    $words = @($command.Split(' '))
    $values = & $node $script:MyAccountCli @words 2>$null | ConvertFrom-Json -ErrorAction Ignore | ForEach-Object { & $select $_ }
    $values | Where-Object { $_ -and $_ -like "$WordToComplete*" } | Sort-Object -Unique | ForEach-Object {
        $text = if ($_ -match '[\s''"$\x60]') { "'" + ($_ -replace "'", "''") + "'" } else { $_ }
        [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
    }
}

#endregion
`;
