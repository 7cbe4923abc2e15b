# The module's private part, written once: the one helper that runs the CLI, turns its events into
# PowerShell streams and its error document into an ErrorRecord, plus argument completers.
# Source: scripts/generate/module-helper.ps1, which the generator embeds in the psm1 as it is.

#region Private: calling the CLI

# The CLI sits beside this module in the package: <package>/module/MyAccount and <package>/bin.
# .NET calls rather than cmdlets here and on every call's path: the first cmdlet of the
# Management or Utility module loads that module, which a new session pays for in tens of ms.
$script:MyAccountCli = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'bin', 'myaccount.js'))
$script:NodePath = $null

function Get-MyAccountNode {
    # MYACCOUNT_NODE lets a machine with several Node.js installs choose one. PATH is searched
    # here, once per session: Get-Command would start command discovery, which costs a cold
    # session about 100 ms.
    param([System.Management.Automation.PSCmdlet] $Caller)
    $problem = $null
    if ($env:MYACCOUNT_NODE) {
        if ([System.IO.File]::Exists($env:MYACCOUNT_NODE)) { return $env:MYACCOUNT_NODE }
        $problem = "MYACCOUNT_NODE is set to ""$env:MYACCOUNT_NODE"", which is not a file. Set it to the full path of node, or remove it to use the node on PATH."
    }
    else {
        if ($script:NodePath -and [System.IO.File]::Exists($script:NodePath)) { return $script:NodePath }
        $names = if ($IsWindows) { @('node.exe') } else { @('node') }
        foreach ($folder in "$env:PATH".Split([System.IO.Path]::PathSeparator)) {
            if (-not $folder) { continue }
            foreach ($name in $names) {
                $candidate = [System.IO.Path]::Combine($folder, $name)
                if ([System.IO.File]::Exists($candidate)) { $script:NodePath = $candidate; return $candidate }
            }
        }
        $problem = 'Node.js was not found on PATH. Install Node.js 20.19 or newer and make sure "node" is on PATH, or set MYACCOUNT_NODE to its full path.'
    }
    # Without a caller (argument completion) there is nobody to tell: no node, no completions.
    if (-not $Caller) { return $null }
    $record = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($problem), 'NodeNotFound', [System.Management.Automation.ErrorCategory]::NotInstalled, $null)
    $Caller.ThrowTerminatingError($record)
}

# PowerShell's own JSON reader and writer (what ConvertFrom-Json and ConvertTo-Json use; public
# and documented in the PowerShell SDK), called directly: the cmdlets would load the
# Microsoft.PowerShell.Utility module, which costs a new session over 100 ms on its first cmdlet
# call. Their assembly is loaded by the manifest (RequiredAssemblies): an interactive session
# does not load it by itself.
function ConvertFrom-MyAccountJson {
    param([string] $Json, [switch] $AsHashtable)
    $problem = $null
    $value = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($Json, [bool]$AsHashtable, 64, [ref]$problem)
    if ($problem) { throw $problem.Exception }
    $value
}

function ConvertTo-MyAccountJson {
    param($Value)
    $context = [Microsoft.PowerShell.Commands.JsonObject+ConvertToJsonContext]::new(10, $true, $true)
    [Microsoft.PowerShell.Commands.JsonObject]::ConvertToJson($Value, [ref]$context)
}

function ConvertTo-MyAccountText {
    # The CLI speaks of its own commands and flags; here they are cmdlets and parameters.
    param([string] $Text)
    if (-not $Text) { return $Text }
    $Text = [regex]::Replace($Text, '(?:\bmyaccount |^)([a-z]+(?:-[a-z]+)*)', {
            param($m) $cmdlet = $script:CmdletOfCommand[$m.Groups[1].Value]; if ($cmdlet) { $cmdlet } else { $m.Value } })
    # "--flag true" becomes "-Flag $true": a [bool] parameter does not take the word true.
    [regex]::Replace($Text, '--([a-z][a-z0-9-]*)(?: (true|false)\b)?', {
            param($m)
            $name = $script:ParameterOfFlag[$m.Groups[1].Value]
            if (-not $name) { return $m.Value }
            if ($m.Groups[2].Success) { '-' + $name + ' $' + $m.Groups[2].Value } else { '-' + $name }
        })
}

function ConvertTo-MyAccountInput {
    # Bound parameters become the command's JSON input. Secrets are unwrapped only here, on their
    # way to the CLI's stdin; they never appear on a command line or in a variable that outlives this call.
    # Paths are resolved here, as PowerShell resolves them: against the session's current location
    # (Set-Location moves it; the process's working folder does not follow), with ~ expanded.
    param([System.Collections.IDictionary] $Bound, [string[]] $Names, [string[]] $Paths, [System.Management.Automation.PSCmdlet] $Caller)
    $values = [ordered]@{}
    foreach ($name in $Names) {
        if (-not $Bound.ContainsKey($name)) { continue }
        $value = $Bound[$name]
        if ($Paths -contains $name -and $value -is [string] -and $value) { $value = $Caller.GetUnresolvedProviderPathFromPSPath($value) }
        elseif ($value -is [System.Management.Automation.SwitchParameter]) { $value = $value.IsPresent }
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
        [string] $TypeName,
        # Only these properties of each result, in this order (see PowerShellOutput in the registry).
        [string[]] $Properties,
        # This property becomes a SecureString unless -AsPlainText.
        [string] $SecureProperty,
        [switch] $AsPlainText
    )
    # A device code nobody can see would leave the sign-in waiting for nothing; as Az does, refuse
    # at once (the CLI may also pick device code itself; Write-MyAccountEvent stops that one).
    if ($Bound.ContainsKey('UseDeviceAuthentication') -and $Bound['UseDeviceAuthentication'] -and "$InformationPreference" -eq 'Ignore') {
        $Caller.ThrowTerminatingError((New-MyAccountDeviceCodeIgnoredError))
    }
    $arguments = [System.Collections.Generic.List[string]]::new()
    $arguments.Add($script:MyAccountCli)
    foreach ($word in $Command.Split(' ')) { $arguments.Add($word) }
    foreach ($word in @('--input-json', '-', '--events', 'jsonl')) { $arguments.Add($word) }
    if ($Caller.MyInvocation.BoundParameters['Verbose'] -or $VerbosePreference -ne 'SilentlyContinue') { $arguments.Add('--verbose') }
    if ($Caller.MyInvocation.BoundParameters['Debug'] -or $DebugPreference -ne 'SilentlyContinue') { $arguments.Add('--debug') }
    # Prompts belong to PowerShell (ShouldProcess, the subscription picker), never to the child.
    $arguments.Add('--no-prompt')

    $start = [System.Diagnostics.ProcessStartInfo]::new((Get-MyAccountNode -Caller $Caller))
    foreach ($argument in $arguments) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    # WAM (EnableLoginByWam on Windows) parents its sign-in window to ours: the CLI cannot find
    # the console window from behind redirected streams, so the module hands it over.
    if ($Command -eq 'connect') {
        $window = Get-MyAccountParentWindow
        if ($window) { $start.Environment['MYACCOUNT_PARENT_WINDOW'] = $window }
    }
    # The CLI's streams are pipes here, so it cannot see a person at this console: it waits for an
    # OS dialog (the macOS Keychain's, after a Node.js upgrade) only when told one can answer it.
    if ($null -eq $env:MYACCOUNT_ATTENDED) { $start.Environment['MYACCOUNT_ATTENDED'] = if (Test-MyAccountPromptable) { '1' } else { '0' } }
    # A remoting session ($PSSenderInfo is set in one) has no desktop a browser could show on,
    # and nothing in its environment says so: the CLI is told, and signs in with a device code.
    # Looked up by name: elsewhere the variable does not exist, which strict mode would not read.
    if ($ExecutionContext.SessionState.PSVariable.GetValue('PSSenderInfo')) { $start.Environment['MYACCOUNT_PS_REMOTING'] = '1' }
    # The CLI starts where the person is in PowerShell (a FileSystem location), not where pwsh started.
    $start.WorkingDirectory = $Caller.SessionState.Path.CurrentFileSystemLocation.ProviderPath
    $start.StandardOutputEncoding = [System.Text.Encoding]::UTF8
    $start.StandardErrorEncoding = [System.Text.Encoding]::UTF8

    $json = ConvertTo-MyAccountJson (ConvertTo-MyAccountInput -Bound $Bound -Names $ParameterNames -Paths $script:PathParameters[$Caller.MyInvocation.MyCommand.Name] -Caller $Caller)
    $process = [System.Diagnostics.Process]::new()
    $process.StartInfo = $start
    $activities = [System.Collections.Generic.HashSet[string]]::new()
    $unexpected = [System.Collections.Generic.List[string]]::new()
    try {
        $null = $process.Start()
        # UTF-8 without a byte-order mark, whatever the session's encoding.
        $stdin = [System.IO.StreamWriter]::new($process.StandardInput.BaseStream, [System.Text.UTF8Encoding]::new($false))
        # A CLI that dies before reading its input closes the pipe; its exit code says what happened.
        try { $stdin.Write($json); $stdin.Close() } catch [System.IO.IOException] { }
        $json = $null
        # stdout is read in the background so a large result cannot block the child while we read stderr.
        $stdoutTask = $process.StandardOutput.ReadToEndAsync()
        # Lines are awaited in short steps: a blocking ReadLine would keep Ctrl+C (StopProcessing)
        # from reaching this cmdlet for as long as the CLI is quiet, e.g. while a device code waits.
        $pending = $process.StandardError.ReadLineAsync()
        while ($true) {
            if (-not $pending.Wait(100)) { continue }
            $line = $pending.Result
            if ($null -eq $line) { break }
            $pending = $process.StandardError.ReadLineAsync()
            Write-MyAccountEvent -Line $line -Caller $Caller -Activities $activities -Unexpected $unexpected
        }
        $process.WaitForExit()
        $stdout = $stdoutTask.GetAwaiter().GetResult()
    }
    finally {
        foreach ($activity in $activities) { Write-Progress -Id (Get-MyAccountProgressId $activity) -Activity $activity -Completed }
        # Ctrl+C stops the pipeline and lands here: the CLI must not outlive the cmdlet.
        if (-not $process.HasExited) { try { $process.Kill($true) } catch { } }
    }

    if ($process.ExitCode -ne 0) {
        $record = New-MyAccountErrorRecord -Stdout $stdout -ExitCode $process.ExitCode -Unexpected $unexpected -Caller $Caller -Bound $Bound
        # The rule, as in Az: an error whose category is ObjectNotFound (the context, subscription,
        # tenant, environment or setting that was named does not exist) is non-terminating, so
        # -ErrorAction (SilentlyContinue, Ignore, Stop) and -ErrorVariable decide, and a pipeline
        # goes on to its next object. Everything else (invalid input, sign-in needed or failed,
        # cancelled, conflicts, failures below) terminates: going on would act on a wrong premise.
        if ($record.CategoryInfo.Category -eq [System.Management.Automation.ErrorCategory]::ObjectNotFound) {
            $Caller.WriteError($record)
            return
        }
        $Caller.ThrowTerminatingError($record)
    }
    $document = $null
    if ($stdout) {
        # A result whose property names differ only in case (az's beside Az's) parses only as a hashtable.
        try { $document = ConvertFrom-MyAccountJson $stdout -AsHashtable:($null -ne $Properties) } catch { $document = $null }
    }
    if ($null -eq $document) { return }
    if ($Properties) { $document = @($document) | ForEach-Object { Select-MyAccountProperty -Item $_ -Properties $Properties -SecureProperty $SecureProperty -AsPlainText:$AsPlainText } }
    foreach ($item in @($document)) {
        if ($TypeName -and $item -is [psobject] -and $item -isnot [string] -and $item -isnot [bool]) { $item.PSObject.TypeNames.Insert(0, $TypeName) }
        if ($TypeName -and $script:NestedTypes[$TypeName]) { Add-MyAccountNestedType -Item $item -NestedTypes $script:NestedTypes[$TypeName] }
        $item
    }
}

function Add-MyAccountNestedType {
    # Nested objects get their type names too, so the types file's ToString shows a context's
    # Account as its id (not @{Id=...}) in views, in "$context" and in string conversion.
    # $NestedTypes: type names by dotted path ('Context.Account' = 'MyAccount.Account').
    param($Item, [System.Collections.IDictionary] $NestedTypes)
    foreach ($path in $NestedTypes.Keys) {
        $values = @($Item)
        foreach ($name in $path.Split('.')) {
            $values = @(foreach ($value in $values) { if ($value -is [psobject] -and $value.PSObject.Properties[$name]) { $value.$name } })
        }
        foreach ($value in $values) {
            if ($value -is [psobject] -and $value -isnot [string] -and $value -isnot [System.Collections.IDictionary]) { $value.PSObject.TypeNames.Insert(0, $NestedTypes[$path]) }
        }
    }
}

function Write-MyAccountEvent {
    # One line the CLI wrote to stderr (--events jsonl), passed to the PowerShell stream it belongs to.
    param([string] $Line, [System.Management.Automation.PSCmdlet] $Caller, [System.Collections.Generic.HashSet[string]] $Activities, [System.Collections.Generic.List[string]] $Unexpected)
    $evt = $null
    try { $evt = ConvertFrom-MyAccountJson $Line } catch { $evt = $null }
    if ($null -eq $evt -or -not $evt.PSObject.Properties['type']) {
        # Not an event: something went wrong below the CLI's own reporting (Node.js itself).
        $Unexpected.Add($Line)
        $Caller.WriteVerbose($Line)
        return
    }
    switch ($evt.type) {
        'warning' { Write-MyAccountStream -Stream Warning -Message (ConvertTo-MyAccountText $evt.message) -Caller $Caller }
        'verbose' { Write-MyAccountStream -Stream Verbose -Message $evt.message -Caller $Caller }
        'debug' { Write-MyAccountStream -Stream Debug -Message $evt.message -Caller $Caller }
        'information' {
            # A line marked prompt (the browser sign-in's address) is one the person must act on.
            if ($evt.PSObject.Properties['prompt'] -and $evt.prompt) { Write-MyAccountPrompt -Message (ConvertTo-MyAccountText $evt.message) -Caller $Caller -Tags @('MyAccount', 'SignIn') }
            else { Write-MyAccountStream -Stream Information -Message (ConvertTo-MyAccountText $evt.message) -Caller $Caller -Tags @('MyAccount') }
        }
        'deviceCode' {
            if ("$InformationPreference" -eq 'Ignore') { $Caller.ThrowTerminatingError((New-MyAccountDeviceCodeIgnoredError)) }
            # As Az: on the Information stream, tagged and prefixed, and on the host.
            Write-MyAccountPrompt -Message "[Login to Azure] $(ConvertTo-MyAccountText $evt.message)" -Caller $Caller -Tags @('MyAccount', 'DeviceCode')
        }
        'progress' {
            $progress = @{ Id = (Get-MyAccountProgressId $evt.activity); Activity = $evt.activity }
            $null = $Activities.Add($evt.activity)
            if ($evt.PSObject.Properties['status'] -and $evt.status) { $progress.Status = $evt.status }
            if ($evt.PSObject.Properties['percentComplete']) { $progress.PercentComplete = [int]$evt.percentComplete }
            if ($evt.PSObject.Properties['completed'] -and $evt.completed) { $progress.Completed = $true }
            Write-Progress @progress
        }
        'environment' {
            # Process scope: the CLI cannot change this session's environment, so it asks us to.
            foreach ($variable in $evt.variables.PSObject.Properties) {
                # A null value removes the variable.
                [Environment]::SetEnvironmentVariable($variable.Name, $variable.Value)
            }
        }
        default { $Caller.WriteVerbose($Line) }
    }
}

function Write-MyAccountStream {
    # A line of the CLI on the caller's stream. A preference of Inquire would stop at every line
    # to ask (and under pwsh -NonInteractive fail the cmdlet: "...NonInteractive mode"); for the
    # CLI's lines it means Continue, as for Write-Host. The caller's preference is the variable its
    # -Verbose, -Debug, -WarningAction or -InformationAction set (this runs in its scope chain).
    param([string] $Stream, $Message, [System.Management.Automation.PSCmdlet] $Caller, [string[]] $Tags)
    $preference = switch ($Stream) { 'Warning' { $WarningPreference } 'Verbose' { $VerbosePreference } 'Debug' { $DebugPreference } 'Information' { $InformationPreference } }
    # -Debug without -Verbose makes the cmdlet's own verbose preference Inquire (-Debug implies
    # -Verbose, the old way), which no variable shows: the switches say it.
    $flags = $Caller.MyInvocation.BoundParameters
    $debugFlag = $Stream -in @('Verbose', 'Debug') -and $flags.ContainsKey('Debug') -and $flags['Debug'] -and -not $flags.ContainsKey('Verbose')
    if ("$preference" -eq 'Inquire' -or $debugFlag) {
        Write-MyAccountContinued -Stream $Stream -Message $Message -Tags $Tags -Verbose -Debug -WarningAction Continue -InformationAction Continue
        return
    }
    switch ($Stream) {
        'Warning' { $Caller.WriteWarning($Message) }
        'Verbose' { $Caller.WriteVerbose($Message) }
        'Debug' { $Caller.WriteDebug($Message) }
        'Information' { $Caller.WriteInformation($Message, $Tags) }
    }
}

function Write-MyAccountPrompt {
    # A sign-in line a person must see to go on (a device code, the address to open): an
    # information record that is also written to the host, as Write-Host writes (a
    # HostInformationMessage tagged PSHOST). The host shows it at the default $InformationPreference
    # (SilentlyContinue), when the output is assigned, and over remoting; -InformationVariable still
    # gets it. Only Ignore (or 6>$null) hides it, as it hides Write-Host.
    param([string] $Message, [System.Management.Automation.PSCmdlet] $Caller, [string[]] $Tags)
    $record = [System.Management.Automation.HostInformationMessage]@{ Message = $Message }
    Write-MyAccountStream -Stream Information -Message $record -Caller $Caller -Tags (@('PSHOST') + $Tags)
}

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

function New-MyAccountDeviceCodeIgnoredError {
    $message = 'A device-code sign-in shows its code on the Information stream, which -InformationAction Ignore (or $InformationPreference = ''Ignore'') discards: nobody could see the code, and the sign-in would wait for nothing. Run it again without Ignore.'
    $record = [System.Management.Automation.ErrorRecord]::new([System.InvalidOperationException]::new($message), 'DeviceCodeInformationIgnored', [System.Management.Automation.ErrorCategory]::InvalidOperation, 'InformationAction')
    $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($message)
    $record.ErrorDetails.RecommendedAction = 'Run it again with -InformationAction Continue or SilentlyContinue.'
    $record
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

function Get-MyAccountParentWindow {
    # The window a broker (WAM) sign-in dialog belongs to, as a decimal handle, or $null. The
    # console's window; under Windows Terminal that is a hidden pseudo-console window, whose root
    # owner (GetAncestor GA_ROOTOWNER) is the terminal's own window. Windows only; found once.
    if (-not $IsWindows) { return $null }
    if ($null -eq $script:ParentWindow) {
        $script:ParentWindow = [IntPtr]::Zero
        try {
            if (-not ('MyAccount.NativeWindow' -as [type])) {
                Add-Type -Namespace MyAccount -Name NativeWindow -MemberDefinition @'
[System.Runtime.InteropServices.DllImport("kernel32.dll")] public static extern System.IntPtr GetConsoleWindow();
[System.Runtime.InteropServices.DllImport("user32.dll")] public static extern System.IntPtr GetAncestor(System.IntPtr hwnd, uint flags);
'@
            }
            $console = [MyAccount.NativeWindow]::GetConsoleWindow()
            $root = if ($console -ne [IntPtr]::Zero) { [MyAccount.NativeWindow]::GetAncestor($console, 3) } else { [IntPtr]::Zero }
            $script:ParentWindow = if ($root -ne [IntPtr]::Zero) { $root } else { $console }
        }
        catch { $script:ParentWindow = [IntPtr]::Zero }
    }
    if ($script:ParentWindow -eq [IntPtr]::Zero) { return $null }
    $script:ParentWindow.ToInt64().ToString([System.Globalization.CultureInfo]::InvariantCulture)
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

function Read-MyAccountCli {
    # A quiet read for completion and ShouldProcess targets: the CLI's JSON, or $null on any
    # failure. Started like the cmdlets' calls (no command discovery, where `& node` would start
    # it) and read as UTF-8: `& node` decodes with the console's code page, which on Windows
    # mangles names that are not ASCII. stderr is drained so a chatty CLI cannot block.
    param([string[]] $Words)
    $node = Get-MyAccountNode
    if (-not $node) { return $null }
    $start = [System.Diagnostics.ProcessStartInfo]::new($node)
    $start.ArgumentList.Add($script:MyAccountCli)
    foreach ($word in $Words) { $start.ArgumentList.Add($word) }
    $start.ArgumentList.Add('--no-prompt')
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.StandardOutputEncoding = [System.Text.Encoding]::UTF8
    $start.StandardErrorEncoding = [System.Text.Encoding]::UTF8
    try {
        $process = [System.Diagnostics.Process]::Start($start)
        $process.StandardInput.Close()
        $errors = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        $null = $errors.GetAwaiter().GetResult()
        if ($process.ExitCode -ne 0) { return $null }
        return ConvertFrom-MyAccountJson $stdout
    }
    catch { return $null }
}

function Get-MyAccountContextAccount {
    # What Disconnect-MyAccount signs out, for -WhatIf and -Confirm: the account of the named (or
    # default) context, read with one quiet get-context. Nothing found: say which account is meant.
    param([string] $ContextName)
    $fallback = if ($ContextName) { "the account of context '$ContextName'" } else { 'the account of the default context' }
    $words = @('get-context')
    if ($ContextName) { $words += @('--name', $ContextName) }
    $context = Read-MyAccountCli $words
    if ($context -and $context.PSObject.Properties['Account'] -and $context.Account) { return $context.Account.Id }
    $fallback
}

function Get-MyAccountProgressId([string] $Activity) {
    # One progress bar per activity, the same id for every record of it.
    [math]::Abs($Activity.GetHashCode()) % 1000
}

function New-MyAccountErrorRecord {
    # The CLI's error document (stdout of a failed run) as an ErrorRecord with its category and
    # code; without one (Node.js itself failed), what it printed.
    param([string] $Stdout, [int] $ExitCode, [System.Collections.Generic.List[string]] $Unexpected, [System.Management.Automation.PSCmdlet] $Caller, [System.Collections.IDictionary] $Bound)
    $err = $null
    try { $err = (ConvertFrom-MyAccountJson $Stdout).error } catch { $err = $null }
    $message = if ($err) { ConvertTo-MyAccountText $err.message }
    else {
        $said = ($Unexpected | Select-Object -Last 5) -join ' '
        "$($Caller.MyInvocation.MyCommand.Name) failed: the myaccount CLI (node $script:MyAccountCli) exited with code $ExitCode without an error document.$(if ($said) { " It said: $said" })"
    }
    $category = [System.Management.Automation.ErrorCategory]::NotSpecified
    if ($err -and $err.category) { $null = [System.Enum]::TryParse([System.Management.Automation.ErrorCategory], $err.category, [ref]$category) }
    $id = if ($err -and $err.code) { $err.code } else { 'MyAccountFailed' }
    # The CLI's target names the input property at fault, which is this cmdlet's parameter: the
    # record carries the value given for it, as Az's do (the context name, not "Name"). A secret
    # or a switch is never a target; an input not given stays named.
    $target = if ($err) { $err.target } else { $null }
    if ($target -is [string] -and $Bound -and $Bound.ContainsKey($target)) {
        $value = $Bound[$target]
        if ($value -isnot [securestring] -and $value -isnot [pscredential] -and $value -isnot [System.Management.Automation.SwitchParameter]) { $target = $value }
    }
    # Exit code 2 is input the CLI rejected.
    $exception = if ($ExitCode -eq 2) { [System.ArgumentException]::new($message) } else { [System.InvalidOperationException]::new($message) }
    # ThrowTerminatingError and WriteError add ",<cmdlet>" to the id themselves.
    $record = [System.Management.Automation.ErrorRecord]::new($exception, $id, $category, $target)
    # The fix, when the message has one: from its first sentence (not the first of the message)
    # that starts with what to do, to the end. Get-Error and $_.ErrorDetails show it apart.
    $fix = [regex]::Match($message, '(?<=[.!?"]\s)(?:Run|Add|Give|Use|Set|Unset|Sign|Start|Stop|Try|Check|Choose|Remove|Install|Type|Wait|Select|Connect|Make|Pass)\b.*$', 'Singleline')
    if ($fix.Success) {
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new($message)
        $record.ErrorDetails.RecommendedAction = $fix.Value
    }
    $record
}

function Select-MyAccountProperty {
    # One result, parsed as a hashtable, becomes an object with just the given properties.
    param([System.Collections.IDictionary] $Item, [string[]] $Properties, [string] $SecureProperty, [switch] $AsPlainText)
    $values = [ordered]@{}
    foreach ($name in $Properties) {
        $value = $Item[$name]
        # NetworkCredential makes the SecureString without loading the Security module for ConvertTo-SecureString.
        if ($name -eq $SecureProperty -and -not $AsPlainText -and $null -ne $value) { $value = [System.Net.NetworkCredential]::new('', [string]$value).SecurePassword }
        $values[$name] = $value
    }
    [pscustomobject] $values
}

function Test-MyAccountPromptable {
    # A person can answer here: not -NonInteractive, input from a console, not a CI job.
    if (-not [Environment]::UserInteractive -or [Console]::IsInputRedirected) { return $false }
    foreach ($argument in [Environment]::GetCommandLineArgs()) { if ($argument -match '^-{1,2}noni') { return $false } }
    foreach ($name in $script:CiVariables) {
        $value = [Environment]::GetEnvironmentVariable($name)
        if ($value -and $value -ne 'false') { return $false }
    }
    return $true
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
        if (-not $Result.PickerSkipped -or -not (Test-MyAccountPromptable)) { return $Result }
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
        $Result.Context = Invoke-MyAccountCli -Command 'set-context' -Bound $select -ParameterNames @('Subscription', 'Tenant', 'Name', 'Scope', 'Force') -Caller $Caller -TypeName 'MyAccount.Context'
        $Result.PickerSkipped = $false
        $Result
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
        SubscriptionId = @('get-context --list-available', { param($r) if ($r.Subscription) { $r.Subscription.Id } })
    }
    $command, $select = $map[$Kind]
    $listed = Read-MyAccountCli @($command.Split(' '))
    $values = @($listed) | ForEach-Object { if ($_) { & $select $_ } }
    $values | Where-Object { $_ -and $_ -like "$WordToComplete*" } | Sort-Object -Unique | ForEach-Object {
        $text = if ($_ -match '[\s''"$\x60]') { "'" + ($_ -replace "'", "''") + "'" } else { $_ }
        [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
    }
}

#endregion
