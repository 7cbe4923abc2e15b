// The CLI's JSON result as PowerShell objects, the same objects ConvertFrom-Json makes (which the
// module used before): objects are PSCustomObjects with properties in document order, arrays are
// object[], whole numbers Int64 (BigInteger beyond), other numbers Double, and strings that are
// ISO 8601 date-times DateTime (UTC for "Z", local time for an offset, as ConvertFrom-Json does).
using System;
using System.Globalization;
using System.Management.Automation;
using System.Net;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MyAccount.Helper
{
    internal static class JsonOutput
    {
        // What ConvertFrom-Json's reader takes for a date: a date, 'T', a time, optional fraction and zone.
        private static readonly Regex IsoDateTime = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant);

        public static object ToObject(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    var o = new PSObject();
                    foreach (var property in e.EnumerateObject())
                    {
                        // PowerShell's property names ignore case; of names that differ only in case, the first wins.
                        if (o.Properties[property.Name] != null) continue;
                        o.Properties.Add(new PSNoteProperty(property.Name, ToObject(property.Value)));
                    }
                    return o;
                case JsonValueKind.Array:
                    var items = new object[e.GetArrayLength()];
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) items[i++] = ToObject(item);
                    return items;
                case JsonValueKind.String:
                    var text = e.GetString();
                    if (text.Length >= 19 && text.Length <= 33 && char.IsDigit(text[0]) && IsoDateTime.IsMatch(text) &&
                        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
                        return date;
                    return text;
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var whole)) return whole;
                    var raw = e.GetRawText();
                    if (raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)) return big;
                    return e.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>
        /// One result with only the given properties, in that order, each matched by exact case (a
        /// result may carry az's name beside Az's, differing only in case); the secure one a SecureString.
        /// </summary>
        public static PSObject Select(JsonElement item, string[] properties, string secureProperty, bool asPlainText)
        {
            var o = new PSObject();
            foreach (var name in properties)
            {
                object value = null;
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var found)) value = ToObject(found);
                if (name == secureProperty && !asPlainText && value != null) value = new NetworkCredential("", value.ToString()).SecurePassword;
                o.Properties.Add(new PSNoteProperty(name, value));
            }
            return o;
        }
    }
}
