using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SemaphoreOidc.Tests.Errors
{
    /// <summary>
    /// The repository's C# sources as the catalogue tests read them: comments blanked out (so a comment never counts as
    /// code), string literals listed with their line, and the argument lists of calls. A small lexer, not a compiler:
    /// enough for the shapes the code uses (regular, verbatim and interpolated strings, nested holes, char literals).
    /// </summary>
    internal sealed class CSharpSource
    {
        private CSharpSource(string path, string relativePath, string code, List<(string Text, int Line)> literals)
        {
            Path = path;
            RelativePath = relativePath;
            Code = code;
            Literals = literals;
        }

        public string Path { get; }

        /// <summary>The path from the repository root, with '/'.</summary>
        public string RelativePath { get; }

        /// <summary>The text with every comment replaced by spaces (line breaks kept, so offsets keep their lines).</summary>
        public string Code { get; }

        /// <summary>Every string literal's text (for an interpolated string, its text outside the holes).</summary>
        public IReadOnlyList<(string Text, int Line)> Literals { get; }

        public static string RepositoryRoot
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                {
                    if (File.Exists(System.IO.Path.Combine(dir.FullName, "SemaphoreOidc.sln"))) return dir.FullName;
                }

                throw new InvalidOperationException("The repository root (SemaphoreOidc.sln) is not above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>Every .cs file under <paramref name="folder"/> (relative to the root), build output excluded.</summary>
        public static IReadOnlyList<CSharpSource> Under(string folder)
        {
            string root = RepositoryRoot;
            return Directory.EnumerateFiles(System.IO.Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part == "bin" || part == "obj"))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => Read(f, System.IO.Path.GetRelativePath(root, f).Replace('\\', '/')))
                .ToList();
        }

        public int LineAt(int offset)
        {
            int line = 1;
            for (int i = 0; i < offset && i < Code.Length; i++) if (Code[i] == '\n') line++;
            return line;
        }

        /// <summary>
        /// The arguments of every call or construction of <paramref name="callee"/> (e.g. "new SemaphoreOidcException",
        /// "PolicyErrors.Invalid"), each split at its top-level commas and trimmed.
        /// </summary>
        /// <param name="bare">Only calls without a qualifier: "Invalid(" but not "IssuerFetch.Invalid(".</param>
        public IEnumerable<(List<string> Arguments, int Line)> CallsOf(string callee, bool bare = false)
        {
            int from = 0;
            while (true)
            {
                int at = Code.IndexOf(callee + "(", from, StringComparison.Ordinal);
                if (at < 0) yield break;
                from = at + callee.Length + 1;
                // A whole name: "Invalid(" must not match "IsInvalid(".
                if (at > 0 && (char.IsLetterOrDigit(Code[at - 1]) || Code[at - 1] == '_')) continue;
                if (bare && at > 0 && Code[at - 1] == '.') continue;
                yield return (SplitArguments(from), LineAt(at));
            }
        }

        /// <summary>The class a file holds, by the repository's convention: the file's name.</summary>
        public string ClassName => System.IO.Path.GetFileNameWithoutExtension(Path);

        private List<string> SplitArguments(int start)
        {
            var arguments = new List<string>();
            var current = new StringBuilder();
            int depth = 0;
            for (int i = start; i < Code.Length; i++)
            {
                char c = Code[i];
                if (c == '"' || c == '\'' || (c == '$' || c == '@') && i + 1 < Code.Length && (Code[i + 1] == '"' || Code[i + 1] == '$' || Code[i + 1] == '@'))
                {
                    int end = SkipLiteral(Code, i, null);
                    current.Append(Code, i, end - i);
                    i = end - 1;
                    continue;
                }

                if (c == '(' || c == '[' || c == '{') depth++;
                if (c == ')' || c == ']' || c == '}')
                {
                    if (depth == 0)
                    {
                        arguments.Add(current.ToString().Trim());
                        return arguments;
                    }

                    depth--;
                }

                if (c == ',' && depth == 0)
                {
                    arguments.Add(current.ToString().Trim());
                    current.Clear();
                    continue;
                }

                current.Append(c);
            }

            return arguments;
        }

        private static CSharpSource Read(string path, string relativePath)
        {
            string text = File.ReadAllText(path);
            var code = new StringBuilder(text);
            var literals = new List<(string, int)>();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                {
                    while (i < text.Length && text[i] != '\n') code[i++] = ' ';
                    continue;
                }

                if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
                {
                    int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    end = end < 0 ? text.Length : end + 2;
                    for (; i < end; i++) if (text[i] != '\n') code[i] = ' ';
                    continue;
                }

                if (c == '"' || c == '\'' || (c == '$' || c == '@') && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '$' || text[i + 1] == '@'))
                {
                    int line = 1 + text.Take(i).Count(ch => ch == '\n');
                    var parts = new StringBuilder();
                    int end = SkipLiteral(text, i, parts);
                    if (c != '\'') literals.Add((parts.ToString(), line));
                    i = end;
                    continue;
                }

                i++;
            }

            return new CSharpSource(path, relativePath, code.ToString(), literals);
        }

        /// <summary>The offset just after the literal that starts at <paramref name="start"/>; its text (outside holes) goes to <paramref name="text"/>.</summary>
        private static int SkipLiteral(string s, int start, StringBuilder text)
        {
            int i = start;
            bool verbatim = false, interpolated = false;
            while (s[i] == '$' || s[i] == '@')
            {
                if (s[i] == '$') interpolated = true; else verbatim = true;
                i++;
            }

            char quote = s[i++];
            while (i < s.Length)
            {
                char c = s[i];
                if (quote == '"' && verbatim && c == '"' && i + 1 < s.Length && s[i + 1] == '"')
                {
                    text?.Append('"');
                    i += 2;
                    continue;
                }

                if (!verbatim && c == '\\')
                {
                    text?.Append(Unescape(s[i + 1]));
                    i += 2;
                    continue;
                }

                if (c == quote) return i + 1;
                if (interpolated && c == '{')
                {
                    if (i + 1 < s.Length && s[i + 1] == '{')
                    {
                        text?.Append('{');
                        i += 2;
                        continue;
                    }

                    // A hole: code up to the matching '}', which may hold strings of its own.
                    text?.Append("{}");
                    int depth = 1;
                    i++;
                    while (i < s.Length && depth > 0)
                    {
                        char h = s[i];
                        if (h == '"' || h == '\'' || (h == '$' || h == '@') && i + 1 < s.Length && (s[i + 1] == '"' || s[i + 1] == '$' || s[i + 1] == '@'))
                        {
                            i = SkipLiteral(s, i, null);
                            continue;
                        }

                        if (h == '{') depth++;
                        if (h == '}') depth--;
                        i++;
                    }

                    continue;
                }

                if (interpolated && c == '}' && i + 1 < s.Length && s[i + 1] == '}')
                {
                    text?.Append('}');
                    i += 2;
                    continue;
                }

                text?.Append(c);
                i++;
            }

            return i;
        }

        private static char Unescape(char c)
        {
            switch (c)
            {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case '0': return '\0';
                default: return c;
            }
        }
    }
}
