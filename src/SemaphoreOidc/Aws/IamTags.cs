using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// IAM's rules for the tags of an OIDC provider or a role (docs/aws-names.md, "Tags"), checked before any call:
    /// at most 50; keys 1-128 and values 0-256 characters of letters, digits, spaces and <c>_ . : / = + - @</c>;
    /// no key starting with <c>aws:</c>, which AWS reserves.
    /// </summary>
    public static class IamTags
    {
        public const int MaxTags = 50;
        public const int MaxKeyLength = 128;
        public const int MaxValueLength = 256;

        public static KeyValuePair<string, string>[] Validate(IEnumerable<KeyValuePair<string, string>> tags)
        {
            var list = (tags ?? Enumerable.Empty<KeyValuePair<string, string>>()).ToArray();
            if (list.Length > MaxTags)
            {
                throw new SemaphoreOidcException(AwsErrorIds.IamTagInvalid, ErrorKind.InvalidArgument,
                    $"{list.Length} tags given; IAM allows at most {MaxTags}.", list.Length);
            }

            foreach (var tag in list)
            {
                string value = tag.Value ?? string.Empty;
                if (string.IsNullOrEmpty(tag.Key) || tag.Key.Length > MaxKeyLength || !IsTagText(tag.Key) ||
                    value.Length > MaxValueLength || !IsTagText(value) ||
                    tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new SemaphoreOidcException(AwsErrorIds.IamTagInvalid, ErrorKind.InvalidArgument,
                        $"Tag '{InputText.Show(tag.Key)}' is not valid for IAM: keys of 1-128 and values of at most 256 letters, digits, spaces " +
                        "and _ . : / = + - @, keys not starting with 'aws:'.", tag.Key);
                }
            }

            return list;
        }

        // IAM's pattern is [\p{L}\p{Z}\p{N}_.:/=+\-@]*: letters and digits of any script are allowed here, unlike in names.
        private static bool IsTagText(string text)
        {
            foreach (char c in text)
            {
                switch (CharUnicodeInfo.GetUnicodeCategory(c))
                {
                    case UnicodeCategory.UppercaseLetter:
                    case UnicodeCategory.LowercaseLetter:
                    case UnicodeCategory.TitlecaseLetter:
                    case UnicodeCategory.ModifierLetter:
                    case UnicodeCategory.OtherLetter:
                    case UnicodeCategory.SpaceSeparator:
                    case UnicodeCategory.LineSeparator:
                    case UnicodeCategory.ParagraphSeparator:
                    case UnicodeCategory.DecimalDigitNumber:
                    case UnicodeCategory.LetterNumber:
                    case UnicodeCategory.OtherNumber:
                        continue;
                }

                if ("_.:/=+-@".IndexOf(c) < 0) return false;
            }

            return true;
        }
    }
}
