// What the module's views show for a value: a string with its control and bidirectional-override
// characters as escapes (\x1b, \u202e), as the CLI's table shows them; names from ARM and Entra
// reach the console through these views, and PowerShell would write an ESC or BEL in a property
// straight to the terminal. Anything else passes through untouched. One call per cell, compiled
// here: the same rule as a script block per cell cost a new session's first view about 30 ms.
using System.Globalization;
using System.Text.RegularExpressions;

namespace MyAccount.Helper
{
    public static class Display
    {
        // The same class as src/core/terminal-text.ts's UNSAFE_DOTNET_CLASS (a test holds them equal).
        private static readonly Regex Unsafe = new Regex(@"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]", RegexOptions.CultureInvariant);

        public static object Safe(object value)
        {
            if (value is System.Management.Automation.PSObject o && o.BaseObject is string) value = o.BaseObject;
            if (value is not string text) return value;
            return Unsafe.Replace(text, m =>
            {
                int c = m.Value[0];
                return c < 256 ? "\\x" + c.ToString("x2", CultureInfo.InvariantCulture) : "\\u" + c.ToString("x4", CultureInfo.InvariantCulture);
            });
        }
    }
}
