// What every MyAccount cmdlet does between PowerShell's binder and the CLI. The cmdlets themselves
// (Cmdlets.g.cs) are generated from the command registry: their parameters, sets and attributes,
// and a ProcessRecord that gathers the input here and hands it to the Cli.
//
// Why compiled cmdlets and not advanced functions: a new session parses every function of a
// script module when the module loads, and compiles a function's parameter block on its first
// call; for 26 cmdlets that was about 100 ms of a one-shot call. A cmdlet class costs PowerShell a
// reflection walk over its attributes.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace MyAccount.Helper
{
    public abstract class MyAccountCmdlet : PSCmdlet
    {
        /// <summary>The helper that runs the CLI, made on first use.</summary>
        protected Cli Cli => Cli.Current;

        /// <summary>The bound parameters as the command's input, names in any case (as PowerShell's own).</summary>
        protected Hashtable Bound() => new Hashtable(MyInvocation.BoundParameters, StringComparer.OrdinalIgnoreCase);

        /// <summary>Runs the command and writes its results.</summary>
        protected void Run(string command, IDictionary bound, string typeName, string[] properties = null, string secureProperty = null, bool asPlainText = false)
        {
            foreach (var result in Cli.Invoke(this, command, bound, typeName, properties, secureProperty, asPlainText)) WriteObject(result);
        }

        /// <summary>
        /// Runs the command and passes its results through a function of the module's PowerShell
        /// part (the subscription picker), which writes what goes on.
        /// </summary>
        protected void Run(string command, IDictionary bound, string typeName, string postProcess)
        {
            foreach (var result in Cli.Invoke(this, command, bound, typeName))
                foreach (var output in Cli.InvokeModuleFunction(this, postProcess, result, bound)) WriteObject(output);
        }

        /// <summary>
        /// ShouldProcess, where -Force means "do not ask", as Az's ConfirmAction(Force, ...): with
        /// -Force (and no -Confirm) nothing is asked, -WhatIf still only says what would happen.
        /// </summary>
        protected bool ShouldProcessUnlessForced(string target, string action, bool force)
        {
            var flags = MyInvocation.BoundParameters;
            if (!force || flags.ContainsKey("Confirm") || Cli.IsWhatIf(this)) return ShouldProcess(target, action);
            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
            return true;
        }

        protected static bool Has(IDictionary bound, string name) => bound.Contains(name);

        protected static bool IsSet(IDictionary bound, string name) => bound.Contains(name) && LanguagePrimitives.IsTrue(bound[name]);

        /// <summary>A bound value as text, as PowerShell would show it.</summary>
        protected static string Text(IDictionary bound, string name) =>
            bound[name] is { } value ? LanguagePrimitives.ConvertTo<string>(value) : null;

        /// <summary>The names of the given settings that were bound, or "every setting" (Update/Clear-MyConfig).</summary>
        protected static string SettingsNamed(IDictionary bound, params string[] settings)
        {
            var named = new List<string>();
            foreach (var setting in settings) if (bound.Contains(setting)) named.Add(setting);
            return named.Count > 0 ? string.Join(", ", named) : "every setting";
        }

        /// <summary>
        /// An object from the pipeline (Az's -InputObject, -Context, -SubscriptionObject,
        /// -TenantObject) becomes the command's input: each mapped property of it (input name →
        /// dotted path), unless that input was given by name.
        /// </summary>
        protected static void AddObjectInput(IDictionary bound, string name, params string[] inputAndPath)
        {
            var source = bound[name];
            bound.Remove(name);
            for (var i = 0; i + 1 < inputAndPath.Length; i += 2)
            {
                var input = inputAndPath[i];
                if (bound.Contains(input)) continue;
                object value = source;
                foreach (var step in inputAndPath[i + 1].Split('.'))
                {
                    if (value == null) break;
                    value = PSObject.AsPSObject(value).Properties[step]?.Value;
                }
                var text = value == null ? null : LanguagePrimitives.ConvertTo<string>(value);
                if (!string.IsNullOrEmpty(text)) bound[input] = text;
            }
        }

        /// <summary>
        /// Az's -DefaultProfile, for one call: a context object (Get-MyContext), the result of
        /// Connect-MyAccount (its Context), or a context name, becomes the command's context-name
        /// input (target). Nothing is selected: the default context stays as it is.
        /// </summary>
        protected void ResolveDefaultProfile(IDictionary bound, string target)
        {
            if (!bound.Contains("DefaultProfile")) return;
            var value = bound["DefaultProfile"];
            bound.Remove("DefaultProfile");
            string name = null;
            if (value != null)
            {
                var o = PSObject.AsPSObject(value);
                if (o.BaseObject is string text) name = text;
                else if (o.TypeNames.Contains("MyAccount.Context") && o.Properties["Name"] != null) name = LanguagePrimitives.ConvertTo<string>(o.Properties["Name"].Value);
                else if (o.Properties["Context"]?.Value is { } context && LanguagePrimitives.IsTrue(context) && PSObject.AsPSObject(context).Properties["Name"] is { } contextName)
                    name = LanguagePrimitives.ConvertTo<string>(contextName.Value);
            }
            string problem = null;
            if (string.IsNullOrEmpty(name))
            {
                string kind;
                if (value == null) kind = "nothing";
                else
                {
                    var o = PSObject.AsPSObject(value);
                    kind = $"a {o.BaseObject.GetType().Name}" + (o.TypeNames.Count > 0 ? $" ({o.TypeNames[0]})" : "");
                }
                problem = $"-DefaultProfile takes a context from Get-MyContext or a context name; it was given {kind}.";
            }
            else if (bound.Contains(target) && Text(bound, target) != name)
            {
                problem = $"-DefaultProfile names the context '{name}' and -{target} names '{Text(bound, target)}'. Give one of them.";
            }
            if (problem != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(problem), "InvalidDefaultProfile", ErrorCategory.InvalidArgument, "DefaultProfile"));
            bound[target] = name;
        }

        /// <summary>
        /// What Disconnect-MyAccount signs out, for -WhatIf and -Confirm: the account of the named (or
        /// default) context, read with one quiet get-context when ShouldProcess will show it. Nothing
        /// found (or nothing shown): say which account is meant.
        /// </summary>
        protected string ContextAccount(string contextName, ConfirmImpact impact)
        {
            var fallback = string.IsNullOrEmpty(contextName) ? "the account of the default context" : $"the account of context '{contextName}'";
            if (!Cli.ShowsShouldProcessTarget(this, impact)) return fallback;
            var words = string.IsNullOrEmpty(contextName) ? new[] { "get-context" } : new[] { "get-context", "--name", contextName };
            if (Cli.Read(words) is PSObject context && context.Properties["Account"]?.Value is PSObject account && account.Properties["Id"]?.Value is { } id)
                return LanguagePrimitives.ConvertTo<string>(id);
            return fallback;
        }
    }
}
