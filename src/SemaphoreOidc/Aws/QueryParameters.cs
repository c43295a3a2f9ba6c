using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// A Query-protocol request body as botocore's serializer writes it (serialize.py, QuerySerializer):
    /// lists as <c>Name.member.N</c> (1-based), tags as <c>Tags.member.N.Key/Value</c>, an empty or null list left
    /// out entirely, values percent-encoded per RFC 3986.
    /// </summary>
    public sealed class QueryParameters
    {
        private readonly List<KeyValuePair<string, string>> _pairs = new List<KeyValuePair<string, string>>();

        public QueryParameters(string action, string version)
        {
            Action = action;
            Add("Action", action);
            Add("Version", version);
        }

        public string Action { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

        public QueryParameters Add(string name, string value)
        {
            if (value != null) _pairs.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public QueryParameters Add(string name, int? value) =>
            value.HasValue ? Add(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : this;

        public QueryParameters AddList(string name, IEnumerable<string> values)
        {
            int n = 0;
            foreach (string value in values ?? Enumerable.Empty<string>())
            {
                Add($"{name}.member.{++n}", value);
            }

            return this;
        }

        public QueryParameters AddTags(string name, IEnumerable<KeyValuePair<string, string>> tags)
        {
            int n = 0;
            foreach (var tag in tags ?? Enumerable.Empty<KeyValuePair<string, string>>())
            {
                n++;
                Add($"{name}.member.{n}.Key", tag.Key);
                Add($"{name}.member.{n}.Value", tag.Value ?? string.Empty);
            }

            return this;
        }

        public string ToFormBody()
        {
            var body = new StringBuilder();
            foreach (var pair in _pairs)
            {
                if (body.Length > 0) body.Append('&');
                body.Append(Encode(pair.Key)).Append('=').Append(Encode(pair.Value));
            }

            return body.ToString();
        }

        // Uri.EscapeDataString encodes exactly RFC 3986's reserved set (unreserved: A-Z a-z 0-9 - _ . ~), as SigV4 expects.
        private static string Encode(string value) => Uri.EscapeDataString(value);
    }
}
