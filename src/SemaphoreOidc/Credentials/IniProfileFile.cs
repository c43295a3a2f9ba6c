using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SemaphoreOidc.Credentials
{
    /// <summary>
    /// The INI text of the AWS shared credentials and config files, edited line by line so that everything the
    /// edit is not about stays byte for byte: other sections, comments, blank lines, line endings, key spelling
    /// (docs/credentials.md, "Shared files"). It reads what botocore's parser reads: <c>[section]</c> headers, comment
    /// lines starting with <c>#</c> or <c>;</c>, <c>key = value</c> (or <c>key: value</c>) lines, and indented
    /// continuation lines (nested settings such as <c>s3 =</c>). Anything else is refused, never guessed at.
    /// </summary>
    internal sealed class IniProfileFile
    {
        private static readonly Regex Header = new Regex(@"^\s*\[(?<name>[^\]\r\n]*)\]\s*(?:[#;].*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex KeyLine = new Regex(@"^(?<key>[^\s=:#;\[][^=:]*?)\s*[=:]", RegexOptions.CultureInvariant);

        private readonly List<Line> _lines;
        private readonly string _newline;

        private IniProfileFile(List<Line> lines, string newline)
        {
            _lines = lines;
            _newline = newline;
        }

        /// <summary>Parses <paramref name="text"/> (null for a file that does not exist yet).</summary>
        /// <exception cref="InvalidDataException">A line that is none of the above; the message gives its number, never its text (it may hold a secret).</exception>
        public static IniProfileFile Parse(string text)
        {
            var lines = new List<Line>();
            string newline = null;
            string section = null;
            int number = 0;
            foreach (string raw in SplitKeepingEndings(text ?? string.Empty))
            {
                number++;
                string content = raw.TrimEnd('\r', '\n');
                if (newline == null && raw.Length > content.Length) newline = raw.Substring(content.Length);
                var header = Header.Match(content);
                string trimmed = content.Trim();
                if (header.Success)
                {
                    section = header.Groups["name"].Value.Trim();
                    lines.Add(new Line(raw, section, isHeader: true, key: null));
                }
                else if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';')
                {
                    lines.Add(new Line(raw, section, isHeader: false, key: null));
                }
                else if (char.IsWhiteSpace(content[0]))
                {
                    if (section == null) throw new InvalidDataException($"line {number} is indented but comes before any [section] header");
                    lines.Add(new Line(raw, section, isHeader: false, key: null));
                }
                else
                {
                    var key = KeyLine.Match(content);
                    if (!key.Success) throw new InvalidDataException($"line {number} is not a [section] header, a comment or a key = value line");
                    if (section == null) throw new InvalidDataException($"line {number} comes before any [section] header");
                    lines.Add(new Line(raw, section, isHeader: false, key: key.Groups["key"].Value.Trim()));
                }
            }

            return new IniProfileFile(lines, newline ?? "\n");
        }

        /// <summary>
        /// Removes every section named <paramref name="name"/> whole (its keys and comments, up to the next header) and
        /// writes it again at the end with exactly <paramref name="entries"/>.
        /// </summary>
        public void ReplaceSection(string name, IEnumerable<KeyValuePair<string, string>> entries)
        {
            _lines.RemoveAll(l => l.Section == name);
            AppendSection(name, entries);
        }

        /// <summary>
        /// Sets <paramref name="key"/> in the sections <paramref name="matches"/> selects: existing top-level lines of that
        /// key are replaced in place, or the key is added after the first section's last setting; with no such section,
        /// <c>[<paramref name="newHeader"/>]</c> is appended. Every other line stays.
        /// </summary>
        public void SetKey(Func<string, bool> matches, string newHeader, string key, string value)
        {
            string line = key + " = " + value + _newline;
            bool found = false;
            for (int i = 0; i < _lines.Count; i++)
            {
                if (_lines[i].Key != null && matches(_lines[i].Section) && string.Equals(_lines[i].Key, key, StringComparison.Ordinal))
                {
                    _lines[i] = new Line(line, _lines[i].Section, isHeader: false, key: key);
                    found = true;
                }
            }
            if (found) return;

            int headerIndex = _lines.FindIndex(l => l.IsHeader && matches(l.Section));
            if (headerIndex < 0)
            {
                AppendSection(newHeader, new[] { new KeyValuePair<string, string>(key, value) });
                return;
            }

            // After the section's last setting (or its header), so trailing comments and blank lines stay where they are.
            int insertAt = headerIndex + 1;
            for (int i = headerIndex + 1; i < _lines.Count && !_lines[i].IsHeader; i++)
            {
                if (_lines[i].Key != null || (_lines[i].Raw.Length > 0 && char.IsWhiteSpace(_lines[i].Raw[0]) && _lines[i].Raw.Trim().Length > 0)) insertAt = i + 1;
            }
            EnsureEndsWithNewline(insertAt - 1);
            _lines.Insert(insertAt, new Line(line, _lines[headerIndex].Section, isHeader: false, key: key));
        }

        public override string ToString()
        {
            var sb = new StringBuilder();
            foreach (var l in _lines) sb.Append(l.Raw);
            return sb.ToString();
        }

        private void AppendSection(string name, IEnumerable<KeyValuePair<string, string>> entries)
        {
            if (_lines.Count > 0)
            {
                EnsureEndsWithNewline(_lines.Count - 1);
                // One blank line between sections, as aws configure writes them.
                if (_lines[_lines.Count - 1].Raw.Trim().Length > 0) _lines.Add(new Line(_newline, _lines[_lines.Count - 1].Section, false, null));
            }
            _lines.Add(new Line("[" + name + "]" + _newline, name, isHeader: true, key: null));
            foreach (var pair in entries) _lines.Add(new Line(pair.Key + " = " + pair.Value + _newline, name, isHeader: false, key: pair.Key));
        }

        private void EnsureEndsWithNewline(int index)
        {
            if (index < 0) return;
            var last = _lines[index];
            if (!last.Raw.EndsWith("\n", StringComparison.Ordinal) && !last.Raw.EndsWith("\r", StringComparison.Ordinal))
            {
                _lines[index] = new Line(last.Raw + _newline, last.Section, last.IsHeader, last.Key);
            }
        }

        private static IEnumerable<string> SplitKeepingEndings(string text)
        {
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                {
                    yield return text.Substring(start, i + 1 - start);
                    start = i + 1;
                }
            }
            if (start < text.Length) yield return text.Substring(start);
        }

        private sealed class Line
        {
            public Line(string raw, string section, bool isHeader, string key)
            {
                Raw = raw;
                Section = section;
                IsHeader = isHeader;
                Key = key;
            }

            public string Raw { get; }

            /// <summary>The section the line belongs to (its own name for a header); null before the first header.</summary>
            public string Section { get; }

            public bool IsHeader { get; }

            /// <summary>The key of a top-level key = value line, else null.</summary>
            public string Key { get; }
        }
    }
}
