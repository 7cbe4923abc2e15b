// The CLI's words as PowerShell's: its command and flag names in messages become cmdlet and
// parameter names, and its error document (stdout of a failed run) an ErrorRecord.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MyAccount.Helper
{
    internal sealed class CliText
    {
        private static readonly Regex CommandName = new Regex(@"(?:\bmyaccount |^)([a-z]+(?:-[a-z]+)*)", RegexOptions.CultureInvariant);
        private static readonly Regex Flag = new Regex(@"--([a-z][a-z0-9-]*)(?: (true|false)\b)?", RegexOptions.CultureInvariant);
        // The fix, when a message has one: from its first sentence (not the message's first) that
        // starts with what to do, to the end.
        private static readonly Regex Fix = new Regex(@"(?<=[.!?""]\s)(?:Run|Add|Give|Use|Set|Unset|Sign|Start|Stop|Try|Check|Choose|Remove|Install|Type|Wait|Select|Connect|Make|Pass)\b.*$", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private readonly IDictionary _cmdletOfCommand;
        private readonly IDictionary _parameterOfFlag;

        public CliText(IDictionary cmdletOfCommand, IDictionary parameterOfFlag)
        {
            _cmdletOfCommand = cmdletOfCommand;
            _parameterOfFlag = parameterOfFlag;
        }

        public string ToCmdletText(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            text = CommandName.Replace(text, m => _cmdletOfCommand[m.Groups[1].Value] as string ?? m.Value);
            // "--flag true" becomes "-Flag $true": a [bool] parameter does not take the word true.
            return Flag.Replace(text, m =>
            {
                if (_parameterOfFlag[m.Groups[1].Value] is not string name) return m.Value;
                return m.Groups[2].Success ? "-" + name + " $" + m.Groups[2].Value : "-" + name;
            });
        }

        /// <summary>
        /// The CLI's error document as an ErrorRecord with its category and code; without one
        /// (Node.js itself failed), what it printed.
        /// </summary>
        public ErrorRecord ErrorRecord(string stdout, int exitCode, List<string> unexpected, PSCmdlet caller, IDictionary bound, string cliPath)
        {
            string message = null, code = null, category = null;
            object target = null;
            try
            {
                using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(stdout) ? "null" : stdout);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    message = String(error, "message") ?? "";
                    code = String(error, "code");
                    category = String(error, "category");
                    if (error.TryGetProperty("target", out var t)) target = JsonOutput.ToObject(t);
                }
            }
            catch (JsonException) { }

            var hasDocument = message != null;
            if (hasDocument) message = ToCmdletText(message);
            else
            {
                var said = string.Join(" ", unexpected.GetRange(Math.Max(0, unexpected.Count - 5), Math.Min(5, unexpected.Count)));
                message = $"{caller.MyInvocation.MyCommand.Name} failed: the myaccount CLI (node {cliPath}) exited with code {exitCode} without an error document." + (said.Length > 0 ? " It said: " + said : "");
            }
            var errorCategory = ErrorCategory.NotSpecified;
            if (!string.IsNullOrEmpty(category) && Enum.TryParse<ErrorCategory>(category, out var parsed)) errorCategory = parsed;
            var id = string.IsNullOrEmpty(code) ? "MyAccountFailed" : code;
            // The CLI's target names the input property at fault, which is this cmdlet's parameter: the
            // record carries the value given for it, as Az's do (the context name, not "Name"). A
            // secret or a switch is never a target; an input not given stays named.
            if (target is string name && bound != null && bound.Contains(name))
            {
                var value = bound[name];
                var inner = value is PSObject o ? o.BaseObject : value;
                if (inner is not SecureString && inner is not PSCredential && inner is not SwitchParameter) target = value;
            }
            // Exit code 2 is input the CLI rejected.
            Exception exception = exitCode == 2 ? new ArgumentException(message) : new InvalidOperationException(message);
            // ThrowTerminatingError and WriteError add ",<cmdlet>" to the id themselves.
            var record = new ErrorRecord(exception, id, errorCategory, target);
            // Get-Error and $_.ErrorDetails show the fix apart.
            var fix = Fix.Match(message);
            if (fix.Success) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = fix.Value };
            return record;
        }

        public static ErrorRecord DeviceCodeIgnoredError()
        {
            const string message = "A device-code sign-in shows its code on the Information stream, which -InformationAction Ignore (or $InformationPreference = 'Ignore') discards: nobody could see the code, and the sign-in would wait for nothing. Run it again without Ignore.";
            return new ErrorRecord(new InvalidOperationException(message), "DeviceCodeInformationIgnored", ErrorCategory.InvalidOperation, "InformationAction")
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Run it again with -InformationAction Continue or SilentlyContinue." },
            };
        }

        private static string String(JsonElement e, string name) =>
            e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
