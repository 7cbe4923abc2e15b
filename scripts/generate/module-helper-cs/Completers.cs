// Tab completion of names the CLI knows: contexts, environments, subscriptions, tenants. Each kind
// is a class the generated parameters name in [ArgumentCompleter(...)]: PowerShell creates it only
// when a parameter is completed, so the module registers nothing while it loads (it made ten
// Register-ArgumentCompleter calls on every import before).
using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MyAccount.Helper
{
    public abstract class CompleterBase : IArgumentCompleter
    {
        private readonly string[] _words;

        protected CompleterBase(params string[] words) => _words = words;

        /// <summary>The values one listed object offers.</summary>
        protected abstract IEnumerable<string> ValuesOf(PSObject item);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var results = new List<CompletionResult>();
            var listed = Cli.Current.Read(_words);
            var items = listed as object[] ?? (listed != null ? new[] { listed } : Array.Empty<object>());
            var word = wordToComplete ?? "";
            // What was typed may already be quoted; what is left is a wildcard pattern, as with -like.
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"')) word = word.Substring(1);
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            var values = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in items)
            {
                if (item is not PSObject o) continue;
                foreach (var value in ValuesOf(o))
                    if (!string.IsNullOrEmpty(value) && Matches(pattern, word, value)) values.Add(value);
            }
            foreach (var value in values) results.Add(new CompletionResult(Quoted(value), value, CompletionResultType.ParameterValue, value));
            return results;
        }

        /// <summary>
        /// Whether a value starts like what was typed, wildcards included; a half-typed pattern that
        /// is not a valid one ("[a") is taken as plain text: completion never fails.
        /// </summary>
        private static bool Matches(WildcardPattern pattern, string word, string value)
        {
            try { return pattern.IsMatch(value); }
            catch (WildcardPatternException) { return value.StartsWith(word, StringComparison.OrdinalIgnoreCase); }
        }

        /// <summary>A value as it can be typed: single-quoted when it has spaces, quotes, $ or a backtick.</summary>
        private static string Quoted(string value)
        {
            foreach (var c in value)
                if (char.IsWhiteSpace(c) || c == '\'' || c == '"' || c == '$' || c == '`' || c == '\u2018' || c == '\u2019' || c == '\u201C' || c == '\u201D')
                    return "'" + value.Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019") + "'";
            return value;
        }

        protected static object Property(object item, string name) => item is PSObject o ? o.Properties[name]?.Value : null;
    }

    public sealed class ContextNameCompleter : CompleterBase
    {
        public ContextNameCompleter() : base("get-context", "--list-available") { }
        protected override IEnumerable<string> ValuesOf(PSObject item) { yield return Property(item, "Name") as string; }
    }

    public sealed class EnvironmentNameCompleter : CompleterBase
    {
        public EnvironmentNameCompleter() : base("get-environment") { }
        protected override IEnumerable<string> ValuesOf(PSObject item) { yield return Property(item, "Name") as string; }
    }

    public sealed class TenantCompleter : CompleterBase
    {
        public TenantCompleter() : base("get-context", "--list-available") { }
        protected override IEnumerable<string> ValuesOf(PSObject item) { yield return Property(Property(item, "Tenant"), "Id") as string; }
    }

    /// <summary>A subscription by name or id (-Subscription takes either).</summary>
    public sealed class SubscriptionCompleter : CompleterBase
    {
        public SubscriptionCompleter() : base("get-context", "--list-available") { }
        protected override IEnumerable<string> ValuesOf(PSObject item)
        {
            var subscription = Property(item, "Subscription");
            yield return Property(subscription, "Name") as string;
            yield return Property(subscription, "Id") as string;
        }
    }

    public sealed class SubscriptionIdCompleter : CompleterBase
    {
        public SubscriptionIdCompleter() : base("get-context", "--list-available") { }
        protected override IEnumerable<string> ValuesOf(PSObject item) { yield return Property(Property(item, "Subscription"), "Id") as string; }
    }
}
