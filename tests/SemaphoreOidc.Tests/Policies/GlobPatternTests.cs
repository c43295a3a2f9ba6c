using SemaphoreOidc.Policies;
using Xunit;

namespace SemaphoreOidc.Tests.Policies
{
    public class GlobPatternTests
    {
        [Theory]
        [InlineData("*", "", true)]
        [InlineData("*", "a:b:c", true)]
        [InlineData("a*", "a", true)]
        [InlineData("a*c", "abbbc", true)]
        [InlineData("a*c", "abbbd", false)]
        [InlineData("a?c", "abc", true)]
        [InlineData("a?c", "ac", false)]
        [InlineData("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
        [InlineData("a${*}", "a*", true)]
        [InlineData("a${*}", "ab", false)]
        [InlineData("a${?}", "a?", true)]
        [InlineData("a${$}b", "a$b", true)]
        [InlineData("a$b", "a$b", true)]
        [InlineData("ABC", "abc", false)]
        [InlineData("ab*ba", "aba", false)]
        [InlineData("ab*ba", "abba", true)]
        [InlineData("a*b?d", "axxbcd", true)]
        [InlineData("a*b?d", "axxbd", false)]
        [InlineData("?", "", false)]
        public void Matches_as_IAM_StringLike(string pattern, string value, bool expected)
        {
            Assert.Equal(expected, GlobPattern.Parse(pattern).IsMatch(value));
        }

        [Fact]
        public void Long_hostile_input_finishes()
        {
            var pattern = GlobPattern.Parse(new string('*', 1000) + "b");
            Assert.False(pattern.IsMatch(new string('a', 20000)));
        }

        [Fact]
        public void Escape_makes_every_character_literal()
        {
            string escaped = ConditionValue.EscapeLiteral("a*b?c$");
            Assert.Equal("a${*}b${?}c${$}", escaped);
            Assert.True(GlobPattern.Parse(escaped).IsMatch("a*b?c$"));
            Assert.False(GlobPattern.Parse(escaped).HasWildcard);
        }
    }
}
