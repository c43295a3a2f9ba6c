using System.Collections.Generic;
using System.IO;
using SemaphoreOidc.Credentials;
using Xunit;

namespace SemaphoreOidc.Tests.Credentials
{
    public class IniProfileFileTests
    {
        private static KeyValuePair<string, string> Kv(string k, string v) => new KeyValuePair<string, string>(k, v);

        [Fact]
        public void Reads_what_botocore_reads_and_writes_it_back_unchanged()
        {
            const string text = "; top comment\n[default] # trailing comment\nregion: eu-west-1\n  # indented comment\ns3 =\n    max_concurrent_requests = 4\n\n[ spaced ]\nkey=value\nlast_without_newline = x";
            Assert.Equal(text, IniProfileFile.Parse(text).ToString());
            Assert.Equal(string.Empty, IniProfileFile.Parse(null).ToString());
        }

        [Theory]
        [InlineData("[default]\njust SECRETX words\n", 2)]
        [InlineData("key = SECRETX before any section\n", 1)]
        [InlineData("  indented SECRETX\n[a]\n", 1)]
        [InlineData("[unclosed SECRETX\nk = v\n", 1)]
        [InlineData("[a]\n=SECRETX\n", 2)]
        public void Refuses_lines_it_does_not_understand_by_number_never_by_content(string text, int line)
        {
            var ex = Assert.Throws<InvalidDataException>(() => IniProfileFile.Parse(text));
            Assert.Contains($"line {line} ", ex.Message);
            Assert.DoesNotContain("SECRETX", ex.Message);
        }

        [Fact]
        public void ReplaceSection_removes_every_copy_whole_and_appends_one()
        {
            var ini = IniProfileFile.Parse("[ci]\nold = 1\n# ci note\n\n[other]\nk = v\n[ci]\ndup = 2\n");
            ini.ReplaceSection("ci", new[] { Kv("a", "1"), Kv("b", "2") });
            Assert.Equal("[other]\nk = v\n\n[ci]\na = 1\nb = 2\n", ini.ToString());
        }

        [Fact]
        public void SetKey_replaces_top_level_keys_only_and_keeps_nested_ones()
        {
            var ini = IniProfileFile.Parse("[profile ci]\ns3 =\n  region = nested\nregion = old\n");
            ini.SetKey(s => s == "profile ci", "profile ci", "region", "new");
            Assert.Equal("[profile ci]\ns3 =\n  region = nested\nregion = new\n", ini.ToString());
        }

        [Fact]
        public void SetKey_adds_after_the_last_setting_and_before_trailing_comments()
        {
            var ini = IniProfileFile.Parse("[profile ci]\noutput = json\ns3 =\n  x = 1\n\n# belongs to what follows\n[profile next]\n");
            ini.SetKey(s => s == "profile ci", "profile ci", "region", "eu-west-1");
            Assert.Equal("[profile ci]\noutput = json\ns3 =\n  x = 1\nregion = eu-west-1\n\n# belongs to what follows\n[profile next]\n", ini.ToString());
        }

        [Fact]
        public void Config_section_names_follow_the_CLI()
        {
            Assert.True(SharedCredentialsProfileWriter.IsConfigSectionOf("profile ci", "ci"));
            Assert.True(SharedCredentialsProfileWriter.IsConfigSectionOf("profile   ci", "ci"));
            Assert.True(SharedCredentialsProfileWriter.IsConfigSectionOf("default", "default"));
            Assert.True(SharedCredentialsProfileWriter.IsConfigSectionOf("profile default", "default"));
            Assert.False(SharedCredentialsProfileWriter.IsConfigSectionOf("ci", "ci"));
            Assert.False(SharedCredentialsProfileWriter.IsConfigSectionOf("sso-session ci", "ci"));
            Assert.False(SharedCredentialsProfileWriter.IsConfigSectionOf("profile cix", "ci"));
            Assert.Equal("profile ci", SharedCredentialsProfileWriter.ConfigSectionName("ci"));
            Assert.Equal("default", SharedCredentialsProfileWriter.ConfigSectionName("default"));
        }
    }
}
