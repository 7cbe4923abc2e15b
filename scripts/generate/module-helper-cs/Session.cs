// What the module needs to know about the session it runs in: which node to start, whether a person
// can answer a prompt, and (on Windows) the window a broker's sign-in dialog belongs to.
using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace MyAccount.Helper
{
    internal sealed class Session
    {
        private readonly string[] _ciVariables;
        private string _nodePath;
        private string _parentWindow;
        private bool _parentWindowKnown;

        public Session(string[] ciVariables) => _ciVariables = ciVariables ?? Array.Empty<string>();

        /// <summary>
        /// node, from MYACCOUNT_NODE (a machine with several Node.js installs chooses one) or PATH,
        /// searched here once per session: Get-Command would start command discovery, which costs a
        /// cold session about 100 ms. Without a caller (argument completion) there is nobody to tell:
        /// null when there is no node.
        /// </summary>
        public string FindNode(PSCmdlet caller)
        {
            string problem;
            var chosen = Environment.GetEnvironmentVariable("MYACCOUNT_NODE");
            if (!string.IsNullOrEmpty(chosen))
            {
                if (File.Exists(chosen)) return chosen;
                problem = $"MYACCOUNT_NODE is set to \"{chosen}\", which is not a file. Set it to the full path of node, or remove it to use the node on PATH.";
            }
            else
            {
                if (_nodePath != null && File.Exists(_nodePath)) return _nodePath;
                var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "node.exe" : "node";
                foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
                {
                    if (folder.Length == 0) continue;
                    string candidate;
                    try { candidate = Path.Combine(folder, name); } catch (ArgumentException) { continue; }
                    if (File.Exists(candidate)) return _nodePath = candidate;
                }
                problem = "Node.js was not found on PATH. Install Node.js 20.19 or newer and make sure \"node\" is on PATH, or set MYACCOUNT_NODE to its full path.";
            }
            if (caller == null) return null;
            caller.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(problem), "NodeNotFound", ErrorCategory.NotInstalled, null));
            return null;
        }

        /// <summary>A person can answer here: not -NonInteractive, input from a console, not a CI job.</summary>
        public bool IsPromptable()
        {
            if (!Environment.UserInteractive || Console.IsInputRedirected) return false;
            foreach (var argument in Environment.GetCommandLineArgs())
                if (Regex.IsMatch(argument, "^-{1,2}noni", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)) return false;
            foreach (var name in _ciVariables)
            {
                var value = Environment.GetEnvironmentVariable(name);
                if (!string.IsNullOrEmpty(value) && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)) return false;
            }
            return true;
        }

        /// <summary>
        /// The window a broker (WAM) sign-in dialog belongs to, as a decimal handle, or null. The
        /// console's window; under Windows Terminal that is a hidden pseudo-console window, whose root
        /// owner (GetAncestor GA_ROOTOWNER) is the terminal's own window. Windows only; found once.
        /// </summary>
        public string ParentWindow()
        {
            if (_parentWindowKnown) return _parentWindow;
            _parentWindowKnown = true;
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
            try
            {
                var console = GetConsoleWindow();
                var root = console != IntPtr.Zero ? GetAncestor(console, 3) : IntPtr.Zero;
                var window = root != IntPtr.Zero ? root : console;
                if (window != IntPtr.Zero) _parentWindow = window.ToInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { }
            return _parentWindow;
        }

        [DllImport("kernel32.dll")]
        private static extern IntPtr GetConsoleWindow();

        [DllImport("user32.dll")]
        private static extern IntPtr GetAncestor(IntPtr hwnd, uint flags);
    }
}
