// A cmdlet's bound parameters as the CLI's JSON input (--input-json -). Secrets are unwrapped only
// here, straight into the UTF-8 buffer that goes to the CLI's stdin (which the caller clears): no
// string of them is made, and they never reach a command line.
using System;
using System.Buffers;
using System.Collections;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MyAccount.Helper
{
    internal static class JsonInput
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions
        {
            // Not HTML: '<', '&' and non-ASCII letters go as they are. The CLI reads JSON.parse.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        };

        /// <param name="names">The parameters the cmdlet sends, in order; anything else bound (common parameters) stays here.</param>
        /// <param name="paths">Those of them that are file paths: resolved as PowerShell resolves them, against the
        /// session's current location (Set-Location moves it; the process's working folder does not follow), ~ expanded.</param>
        public static byte[] Write(IDictionary bound, object[] names, object[] paths, PSCmdlet caller)
        {
            // Big enough that it never grows (growing would leave a copy of the bytes behind).
            var buffer = new ArrayBufferWriter<byte>(16384);
            using (var writer = new Utf8JsonWriter(buffer, Options))
            {
                writer.WriteStartObject();
                foreach (var n in names)
                {
                    var name = n as string;
                    if (name == null || !bound.Contains(name)) continue;
                    var value = bound[name];
                    writer.WritePropertyName(name);
                    if (Array.IndexOf(paths, name) >= 0 && Unwrap(value) is string path && path.Length > 0)
                        writer.WriteStringValue(caller.GetUnresolvedProviderPathFromPSPath(path));
                    else
                        WriteValue(writer, value, 0);
                }
                writer.WriteEndObject();
            }
            var bytes = buffer.WrittenSpan.ToArray();
            // Clear zeroes what was written: no copy of a secret is left for the collector to find.
            buffer.Clear();
            return bytes;
        }

        private static object Unwrap(object value) => value is PSObject o && o.BaseObject is not PSCustomObject ? o.BaseObject : value;

        private static void WriteValue(Utf8JsonWriter writer, object value, int depth)
        {
            value = Unwrap(value);
            if (depth > 10) throw new ArgumentException("A parameter value is nested more than 10 levels deep.");
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case SwitchParameter sw:
                    writer.WriteBooleanValue(sw.IsPresent);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case SecureString secret:
                    WriteSecret(writer, secret);
                    break;
                case PSCredential credential:
                    writer.WriteStartObject();
                    writer.WriteString("UserName", credential.UserName);
                    writer.WritePropertyName("Password");
                    WriteSecret(writer, credential.Password);
                    writer.WriteEndObject();
                    break;
                case int or long or short or byte or sbyte or ushort or uint:
                    writer.WriteNumberValue(Convert.ToInt64(value));
                    break;
                case ulong u:
                    writer.WriteNumberValue(u);
                    break;
                case double or float or decimal:
                    writer.WriteNumberValue(Convert.ToDouble(value));
                    break;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    break;
                case DateTime d:
                    writer.WriteStringValue(d.ToString("o"));
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(entry.Key?.ToString() ?? "");
                        WriteValue(writer, entry.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case PSObject o:
                    writer.WriteStartObject();
                    foreach (var property in o.Properties)
                    {
                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, property.Value, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list) WriteValue(writer, item, depth + 1);
                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(value.ToString());
                    break;
            }
        }

        private static unsafe void WriteSecret(Utf8JsonWriter writer, SecureString secret)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                writer.WriteStringValue(new ReadOnlySpan<char>((void*)pointer, secret.Length));
                // Flushed now, while the plain text is still pinned and owned here.
                writer.Flush();
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
