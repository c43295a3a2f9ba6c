using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Turns JSON claim values into plain .NET values (string, long, double, bool, object[],
    /// Dictionary&lt;string, object&gt;) so PowerShell shows them naturally and nothing depends on
    /// System.Text.Json types outliving their document.
    /// </summary>
    internal static class ClaimValues
    {
        public static Dictionary<string, object> ToDictionary(JsonElement obj)
        {
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var property in obj.EnumerateObject())
            {
                // JSON allows duplicate names; like most JWT libraries, the last one wins.
                result[property.Name] = ToValue(property.Value);
            }
            return result;
        }

        public static object ToValue(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Number:
                    return value.TryGetInt64(out long l) ? (object)l : value.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Array: return value.EnumerateArray().Select(ToValue).ToArray();
                case JsonValueKind.Object: return ToDictionary(value);
                default: return null;
            }
        }

        /// <summary>A claim as text: strings as they are, numbers and booleans invariantly, else null.</summary>
        public static string AsString(IReadOnlyDictionary<string, object> claims, string name)
        {
            if (!claims.TryGetValue(name, out object value) || value == null) return null;
            switch (value)
            {
                case string s: return s;
                case long l: return l.ToString(CultureInfo.InvariantCulture);
                case double d: return d.ToString("R", CultureInfo.InvariantCulture);
                case bool b: return b ? "true" : "false";
                default: return null;
            }
        }

        /// <summary>
        /// A NumericDate claim (RFC 7519 section 2: seconds since the epoch, possibly fractional) as UTC.
        /// Absent gives null; present but not a number gives false so the caller can report it.
        /// </summary>
        public static bool TryGetTime(IReadOnlyDictionary<string, object> claims, string name, out DateTime? time)
        {
            time = null;
            if (!claims.TryGetValue(name, out object value) || value == null) return true;
            double seconds;
            switch (value)
            {
                case long l: seconds = l; break;
                case double d: seconds = d; break;
                default: return false;
            }

            // DateTimeOffset covers years 1 to 9999; anything outside is not a usable time.
            const double MinSeconds = -62135596800d, MaxSeconds = 253402300799d;
            if (double.IsNaN(seconds) || seconds < MinSeconds || seconds > MaxSeconds) return false;
            time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000)).UtcDateTime;
            return true;
        }
    }
}
