// The module's one way to the CLI: a cmdlet's bound parameters go to `myaccount <command>` as JSON
// on stdin, the CLI's events (stderr, one JSON document a line) become the caller's streams as they
// come, and its result (stdout) becomes typed PowerShell objects, or its error document an
// ErrorRecord.
//
// Why C# and not the PowerShell it replaces: a new session compiles each script block, binder and
// .NET member on its first use. The script helper spent about 170 ms of a one-shot cmdlet call on
// that, and PowerShell's JSON cmdlets' first use another 60; this code is compiled once, at build.
// What stays PowerShell (the subscription picker, and the writer for a stream whose preference is
// Inquire) is in scripts/generate/module-helper.ps1.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace MyAccount.Helper
{
    public sealed class Cli
    {
        private readonly string _cliPath;
        private readonly IDictionary _parametersOfCmdlet;
        private readonly IDictionary _pathParametersOfCmdlet;
        private readonly IDictionary _nestedTypes;
        private readonly IDictionary _cmdletOfCommand;
        private readonly CliText _text;
        private readonly Session _session;
        /// <summary>The module's PowerShell (ModuleTables.HelperScript), run as a module of its own when first needed.</summary>
        private PSModuleInfo _helper;
        private ScriptBlock _writeContinued;

        private static Cli _current;

        /// <summary>
        /// The helper of this module, made on first use (a cmdlet's call or a Tab completion, which
        /// PowerShell makes without arguments), so an import runs nothing of ours. It runs the CLI
        /// of the package the DLL is in: &lt;package&gt;/module/MyAccount/MyAccount.Helper.dll and &lt;package&gt;/bin/myaccount.js.
        /// </summary>
        public static Cli Current => LazyInitializer.EnsureInitialized(ref _current, () => new Cli(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(Cli).Assembly.Location), "..", "..", "bin", "myaccount.js"))));

        private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);

        /// <param name="cliPath">bin/myaccount.js of the package this module is in.</param>
        public Cli(string cliPath)
        {
            _cliPath = cliPath;
            _parametersOfCmdlet = ModuleTables.Parameters;
            _pathParametersOfCmdlet = ModuleTables.PathParameters;
            _nestedTypes = ModuleTables.NestedTypes;
            _cmdletOfCommand = ModuleTables.CmdletOfCommand;
            _text = new CliText(ModuleTables.CmdletOfCommand, ModuleTables.ParameterOfFlag);
            _session = new Session(ModuleTables.CiVariables);
        }

        /// <summary>
        /// The session state of the module's PowerShell part, made the first time a cmdlet needs it
        /// (Connect's subscription picker, a line on a stream whose preference is Inquire): a root
        /// script would be compiled and run on every import, ~20 ms and more of every one-shot call.
        /// Its functions reach this helper as $script:Cli.
        /// </summary>
        private SessionState HelperModule()
        {
            if (_helper == null)
            {
                var module = new PSModuleInfo(ScriptBlock.Create(ModuleTables.HelperScript));
                module.SessionState.PSVariable.Set("Cli", this);
                _helper = module;
            }
            return _helper.SessionState;
        }

        /// <summary>A person can answer a prompt here: not -NonInteractive, input from a console, not a CI job.</summary>
        public bool IsPromptable() => _session.IsPromptable();

        /// <summary>The CLI's text with its command and flag names as cmdlets and parameters.</summary>
        public string ToCmdletText(string text) => _text.ToCmdletText(text);

        public object[] Invoke(PSCmdlet caller, string command, IDictionary bound, string typeName) =>
            Invoke(caller, command, bound, typeName, null, null, false);

        /// <summary>
        /// Runs `myaccount <command>` for the caller and returns its results (none on a
        /// non-terminating error, which is written to the caller).
        /// </summary>
        /// <param name="properties">Only these properties of each result, in this order, matched by exact case (az's and Az's names can differ only in case).</param>
        /// <param name="secureProperty">This property becomes a SecureString unless asPlainText.</param>
        public object[] Invoke(PSCmdlet caller, string command, IDictionary bound, string typeName, string[] properties, string secureProperty, bool asPlainText)
        {
            // A device code nobody can see would leave the sign-in waiting for nothing; as Az does,
            // refuse at once (the CLI may also pick device code itself; the event handler stops that one).
            if (bound.Contains("UseDeviceAuthentication") && LanguagePrimitives.IsTrue(bound["UseDeviceAuthentication"]) && IsPreference(caller, "Information", "Ignore"))
                caller.ThrowTerminatingError(CliText.DeviceCodeIgnoredError());

            var cmdlet = _cmdletOfCommand[command] as string ?? caller.MyInvocation.MyCommand.Name;
            var start = StartInfo(_session.FindNode(caller), command.Split(' '));
            // The CLI starts where the person is in PowerShell (a FileSystem location), not where pwsh started.
            start.WorkingDirectory = caller.SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            foreach (var word in new[] { "--input-json", "-", "--events", "jsonl" }) start.ArgumentList.Add(word);
            var flags = caller.MyInvocation.BoundParameters;
            if (!IsPreference(caller, "Verbose", "SilentlyContinue") && !IsPreference(caller, "Verbose", "Ignore")) start.ArgumentList.Add("--verbose");
            if (!IsPreference(caller, "Debug", "SilentlyContinue") && !IsPreference(caller, "Debug", "Ignore")) start.ArgumentList.Add("--debug");
            // Prompts belong to PowerShell (ShouldProcess, the subscription picker), never to the child.
            start.ArgumentList.Add("--no-prompt");
            // WAM (EnableLoginByWam on Windows) parents its sign-in window to ours: the CLI cannot find
            // the console window from behind redirected streams, so the module hands it over.
            if (command == "connect")
            {
                var window = _session.ParentWindow();
                if (window != null) start.Environment["MYACCOUNT_PARENT_WINDOW"] = window;
            }
            // The CLI's streams are pipes here, so it cannot see a person at this console: it waits for
            // an OS dialog (the macOS Keychain's, after a Node.js upgrade) only when told one can answer it.
            if (Environment.GetEnvironmentVariable("MYACCOUNT_ATTENDED") == null) start.Environment["MYACCOUNT_ATTENDED"] = _session.IsPromptable() ? "1" : "0";
            // A remoting session ($PSSenderInfo is set in one) has no desktop a browser could show on,
            // and nothing in its environment says so: the CLI is told, and signs in with a device code.
            if (caller.SessionState.PSVariable.GetValue("PSSenderInfo") != null) start.Environment["MYACCOUNT_PS_REMOTING"] = "1";

            var input = JsonInput.Write(bound, _parametersOfCmdlet[cmdlet] as object[] ?? Array.Empty<object>(), _pathParametersOfCmdlet[cmdlet] as object[] ?? Array.Empty<object>(), caller);
            var activities = new HashSet<string>();
            var unexpected = new List<string>();
            string stdout;
            int exitCode;
            using (var process = new Process { StartInfo = start })
            {
                try
                {
                    process.Start();
                    // A CLI that dies before reading its input closes the pipe; its exit code says what happened.
                    try
                    {
                        process.StandardInput.BaseStream.Write(input, 0, input.Length);
                        process.StandardInput.Close();
                    }
                    catch (IOException) { }
                    finally { Array.Clear(input, 0, input.Length); }
                    // stdout is read in the background so a large result cannot block the child while stderr is read.
                    var stdoutTask = process.StandardOutput.ReadToEndAsync();
                    // Lines are awaited in short steps, so Ctrl+C (the pipeline stopping) is seen even while
                    // the CLI is quiet, e.g. while a device code waits.
                    var pending = process.StandardError.ReadLineAsync();
                    while (true)
                    {
                        if (!pending.Wait(100))
                        {
                            if (caller.Stopping) throw new PipelineStoppedException();
                            continue;
                        }
                        var line = pending.Result;
                        if (line == null) break;
                        pending = process.StandardError.ReadLineAsync();
                        WriteEvent(caller, line, activities, unexpected);
                    }
                    process.WaitForExit();
                    stdout = stdoutTask.GetAwaiter().GetResult();
                    exitCode = process.ExitCode;
                }
                finally
                {
                    // Ctrl+C stops the pipeline and lands here: the CLI must not outlive the cmdlet.
                    try { if (!process.HasExited) process.Kill(true); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
                    // A stopping pipeline takes no more records: the bars go with it.
                    if (!caller.Stopping)
                        foreach (var activity in activities) caller.WriteProgress(new ProgressRecord(ProgressId(activity), activity, "Completed") { RecordType = ProgressRecordType.Completed });
                }
            }

            if (exitCode != 0)
            {
                var record = _text.ErrorRecord(stdout, exitCode, unexpected, caller, bound, _cliPath);
                // The rule, as in Az: an error whose category is ObjectNotFound (the context,
                // subscription, tenant, environment or setting that was named does not exist) is
                // non-terminating, so -ErrorAction and -ErrorVariable decide, and a pipeline goes on to
                // its next object. Everything else terminates: going on would act on a wrong premise.
                if (record.CategoryInfo.Category == ErrorCategory.ObjectNotFound)
                {
                    caller.WriteError(record);
                    return Array.Empty<object>();
                }
                caller.ThrowTerminatingError(record);
            }
            if (string.IsNullOrWhiteSpace(stdout)) return Array.Empty<object>();
            List<object> results;
            try
            {
                using var document = JsonDocument.Parse(stdout);
                var root = document.RootElement;
                var items = root.ValueKind == JsonValueKind.Array ? (IEnumerable<JsonElement>)root.EnumerateArray() : new[] { root };
                results = new List<object>();
                foreach (var item in items)
                {
                    if (item.ValueKind == JsonValueKind.Null) continue;
                    results.Add(properties != null ? JsonOutput.Select(item, properties, secureProperty, asPlainText) : JsonOutput.ToObject(item));
                }
            }
            catch (JsonException) { return Array.Empty<object>(); }
            if (typeName != null)
            {
                var nested = _nestedTypes[typeName] as IDictionary;
                foreach (var item in results)
                {
                    if (item is not PSObject o) continue;
                    o.TypeNames.Insert(0, typeName);
                    if (nested != null) AddNestedTypes(o, nested);
                }
            }
            return results.ToArray();
        }

        /// <summary>
        /// Whether ShouldProcess will show its target in this call: -WhatIf, a confirmation (-Confirm,
        /// or the cmdlet's impact at or above $ConfirmPreference), or the "Performing the operation"
        /// line of -Verbose. A target that costs a CLI run (the account Disconnect-MyAccount signs
        /// out) is looked up only then: otherwise nobody sees it, and the cmdlet starts node once.
        /// </summary>
        public bool ShowsShouldProcessTarget(PSCmdlet caller, ConfirmImpact impact)
        {
            var flags = caller.MyInvocation.BoundParameters;
            if (IsWhatIf(caller)) return true;
            if (IsSet(flags, "Confirm") || !IsPreference(caller, "Verbose", "SilentlyContinue")) return true;
            // -Confirm:$false asks nothing, and neither does -Force where it means "do not ask".
            if (flags.ContainsKey("Confirm") || IsSet(flags, "Force")) return false;
            if (!LanguagePrimitives.TryConvertTo(caller.SessionState.PSVariable.GetValue("ConfirmPreference"), out ConfirmImpact threshold)) return true;
            return threshold != ConfirmImpact.None && impact >= threshold;
        }

        /// <summary>-WhatIf, or $WhatIfPreference where -WhatIf was not given.</summary>
        public bool IsWhatIf(PSCmdlet caller)
        {
            var flags = caller.MyInvocation.BoundParameters;
            if (flags.TryGetValue("WhatIf", out var whatIf)) return LanguagePrimitives.IsTrue(whatIf);
            return LanguagePrimitives.IsTrue(caller.SessionState.PSVariable.GetValue("WhatIfPreference"));
        }

        /// <summary>
        /// One of the module's PowerShell functions (the subscription picker), given a result, the
        /// input and the cmdlet; what it writes to the pipeline is returned.
        /// </summary>
        public IEnumerable<PSObject> InvokeModuleFunction(PSCmdlet caller, string function, object result, IDictionary bound)
        {
            var call = ScriptBlock.Create("param($Function, $Result, $Bound, $Caller) $Result | & $Function -Bound $Bound -Caller $Caller");
            return caller.InvokeCommand.InvokeScript(HelperModule(), call, function, result, bound, caller);
        }

        /// <summary>
        /// A quiet read for completion and ShouldProcess targets: the CLI's JSON as objects, or null
        /// on any failure. Read as UTF-8, so names that are not ASCII survive any console code page.
        /// </summary>
        public object Read(string[] words)
        {
            var node = _session.FindNode(null);
            if (node == null) return null;
            var start = StartInfo(node, words);
            start.ArgumentList.Add("--no-prompt");
            try
            {
                using var process = Process.Start(start);
                process.StandardInput.Close();
                // stderr is drained so a chatty CLI cannot block.
                var errors = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                errors.GetAwaiter().GetResult();
                if (process.ExitCode != 0 || string.IsNullOrWhiteSpace(stdout)) return null;
                using var document = JsonDocument.Parse(stdout);
                return JsonOutput.ToObject(document.RootElement);
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is InvalidOperationException || e is System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        /// <summary>`node <cli> <words>` with every stream redirected and read as UTF-8.</summary>
        private ProcessStartInfo StartInfo(string node, IEnumerable<string> words)
        {
            var start = new ProcessStartInfo(node)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                // Without a byte-order mark: on Windows the default is the console's code page, and
                // for UTF-8 (chcp 65001) that encoding would add a BOM, which JSON does not allow.
                StandardInputEncoding = Utf8NoBom,
            };
            start.ArgumentList.Add(_cliPath);
            foreach (var word in words) start.ArgumentList.Add(word);
            return start;
        }

        /// <summary>One progress bar per activity, the same id for every record of it.</summary>
        private static int ProgressId(string activity) => (activity.GetHashCode() & 0x7fffffff) % 1000;

        private static bool IsSet(IDictionary<string, object> flags, string name) =>
            flags.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);

        /// <summary>
        /// A stream's preference in this call, by name ("Continue", "Inquire", ...), as the cmdlet's
        /// runtime takes it: its own -Verbose, -Debug, -WarningAction or -InformationAction when
        /// given, else the preference variable where the cmdlet was called. -Debug without -Verbose
        /// makes verbose Inquire (-Debug implies -Verbose, the old way), and so does -Debug for the
        /// debug stream itself: pwsh -NonInteractive fails a cmdlet's WriteDebug under -Debug.
        /// </summary>
        private static bool IsPreference(PSCmdlet caller, string stream, string value) =>
            string.Equals(Preference(caller, stream), value, StringComparison.OrdinalIgnoreCase);

        private static string Preference(PSCmdlet caller, string stream)
        {
            var flags = caller.MyInvocation.BoundParameters;
            object given;
            switch (stream)
            {
                case "Verbose":
                    if (flags.TryGetValue("Verbose", out given)) return LanguagePrimitives.IsTrue(given) ? "Continue" : "SilentlyContinue";
                    if (IsSet(flags, "Debug")) return "Inquire";
                    break;
                case "Debug":
                    if (flags.TryGetValue("Debug", out given)) return LanguagePrimitives.IsTrue(given) ? "Inquire" : "SilentlyContinue";
                    break;
                case "Warning":
                    if (flags.TryGetValue("WarningAction", out given)) return given?.ToString();
                    break;
                case "Information":
                    if (flags.TryGetValue("InformationAction", out given)) return given?.ToString();
                    break;
            }
            return caller.SessionState.PSVariable.GetValue(stream + "Preference")?.ToString() ?? "SilentlyContinue";
        }

        /// <summary>
        /// Nested objects get their type names too, so the types file's ToString shows a context's
        /// Account as its id (not @{Id=...}) in views, in "$context" and in string conversion.
        /// </summary>
        private static void AddNestedTypes(PSObject item, IDictionary nestedTypes)
        {
            foreach (DictionaryEntry entry in nestedTypes)
            {
                var values = new List<object> { item };
                foreach (var name in ((string)entry.Key).Split('.'))
                {
                    var next = new List<object>();
                    foreach (var value in values)
                    {
                        if (value is not PSObject o) continue;
                        var property = o.Properties[name];
                        if (property == null) continue;
                        // An array property (a result's Subscriptions) types each element.
                        if (property.Value is object[] array) next.AddRange(array);
                        else next.Add(property.Value);
                    }
                    values = next;
                }
                foreach (var value in values)
                    if (value is PSObject o) o.TypeNames.Insert(0, (string)entry.Value);
            }
        }

        /// <summary>One line the CLI wrote to stderr (--events jsonl), passed to the stream it belongs to.</summary>
        private void WriteEvent(PSCmdlet caller, string line, HashSet<string> activities, List<string> unexpected)
        {
            JsonDocument document = null;
            try { document = JsonDocument.Parse(line); } catch (JsonException) { }
            using (document)
            {
                var evt = document?.RootElement;
                if (evt == null || evt.Value.ValueKind != JsonValueKind.Object || !evt.Value.TryGetProperty("type", out var type))
                {
                    // Not an event: something went wrong below the CLI's own reporting (Node.js itself).
                    unexpected.Add(line);
                    caller.WriteVerbose(line);
                    return;
                }
                var e = evt.Value;
                switch (type.ValueKind == JsonValueKind.String ? type.GetString() : null)
                {
                    case "warning":
                        WriteStream(caller, "Warning", _text.ToCmdletText(Text(e, "message")), null);
                        break;
                    case "verbose":
                        WriteStream(caller, "Verbose", Text(e, "message"), null);
                        break;
                    case "debug":
                        WriteStream(caller, "Debug", Text(e, "message"), null);
                        break;
                    case "information":
                        // A line marked prompt (the browser sign-in's address) is one the person must act on.
                        if (IsTrue(e, "prompt")) WritePrompt(caller, _text.ToCmdletText(Text(e, "message")), new[] { "MyAccount", "SignIn" });
                        else WriteStream(caller, "Information", _text.ToCmdletText(Text(e, "message")), new[] { "MyAccount" });
                        break;
                    case "deviceCode":
                        if (IsPreference(caller, "Information", "Ignore")) caller.ThrowTerminatingError(CliText.DeviceCodeIgnoredError());
                        // As Az: on the Information stream, tagged and prefixed, and on the host.
                        WritePrompt(caller, "[Login to Azure] " + _text.ToCmdletText(Text(e, "message")), new[] { "MyAccount", "DeviceCode" });
                        break;
                    case "progress":
                        {
                            var activity = Text(e, "activity") ?? "";
                            activities.Add(activity);
                            var status = Text(e, "status");
                            var record = new ProgressRecord(ProgressId(activity), activity, string.IsNullOrEmpty(status) ? "Processing" : status);
                            if (e.TryGetProperty("percentComplete", out var percent) && percent.ValueKind == JsonValueKind.Number) record.PercentComplete = Math.Clamp((int)Math.Round(percent.GetDouble(), MidpointRounding.ToEven), -1, 100);
                            if (IsTrue(e, "completed")) record.RecordType = ProgressRecordType.Completed;
                            caller.WriteProgress(record);
                            break;
                        }
                    case "environment":
                        // Process scope: the CLI cannot change this session's environment, so it asks us to.
                        if (e.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object)
                        {
                            // A null value removes the variable.
                            foreach (var variable in variables.EnumerateObject())
                                Environment.SetEnvironmentVariable(variable.Name, variable.Value.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => variable.Value.GetString(), _ => variable.Value.GetRawText() });
                        }
                        break;
                    default:
                        caller.WriteVerbose(line);
                        break;
                }
            }
        }

        private static string Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var value) ? value.ValueKind switch { JsonValueKind.String => value.GetString(), JsonValueKind.Null => null, _ => value.GetRawText() } : null;

        private static bool IsTrue(JsonElement e, string name) =>
            e.TryGetProperty(name, out var value) && value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.String => value.GetString().Length > 0, JsonValueKind.Number => value.GetDouble() != 0, JsonValueKind.Object or JsonValueKind.Array => true, _ => false };

        /// <summary>
        /// A sign-in line a person must see to go on (a device code, the address to open): an
        /// information record that is also written to the host, as Write-Host writes (a
        /// HostInformationMessage tagged PSHOST). The host shows it at the default
        /// $InformationPreference (SilentlyContinue), when the output is assigned, and over remoting;
        /// -InformationVariable still gets it. Only Ignore (or 6>$null) hides it, as it hides Write-Host.
        /// </summary>
        private void WritePrompt(PSCmdlet caller, string message, string[] tags)
        {
            var all = new string[tags.Length + 1];
            all[0] = "PSHOST";
            tags.CopyTo(all, 1);
            WriteStream(caller, "Information", new HostInformationMessage { Message = message }, all);
        }

        /// <summary>
        /// A line of the CLI on the caller's stream. A preference of Inquire would stop at every line
        /// to ask (and under pwsh -NonInteractive fail the cmdlet); for the CLI's lines it means
        /// Continue, as for Write-Host: such lines go through the module's Write-MyAccountContinued,
        /// whose own preferences are Continue.
        /// </summary>
        private void WriteStream(PSCmdlet caller, string stream, object message, string[] tags)
        {
            if (IsPreference(caller, stream, "Inquire"))
            {
                // Write-MyAccountContinued's own preferences are Continue; its records join the caller's streams.
                _writeContinued ??= ScriptBlock.Create("param($Stream, $Message, $Tags) Write-MyAccountContinued -Stream $Stream -Message $Message -Tags $Tags -Verbose -Debug -WarningAction Continue -InformationAction Continue");
                caller.InvokeCommand.InvokeScript(HelperModule(), _writeContinued, stream, message, tags);
                return;
            }
            switch (stream)
            {
                case "Warning": caller.WriteWarning(message?.ToString()); break;
                case "Verbose": caller.WriteVerbose(message?.ToString()); break;
                case "Debug": caller.WriteDebug(message?.ToString()); break;
                default: caller.WriteInformation(message, tags); break;
            }
        }
    }
}
