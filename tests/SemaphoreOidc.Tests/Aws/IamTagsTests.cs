using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class IamTagsTests
    {
        private static KeyValuePair<string, string> Tag(string key, string value) => new KeyValuePair<string, string>(key, value);

        [Fact]
        public void Accepts_iam_tags_letters_of_any_script_included()
        {
            var tags = new[] { Tag("team", "platform"), Tag("cost-center:id", "a/b=c+d@e_f.g"), Tag("équipe", "données 1"), Tag("empty", "") };
            Assert.Equal(tags, IamTags.Validate(tags));
            Assert.Empty(IamTags.Validate(null));
            Assert.Equal(50, IamTags.Validate(Enumerable.Range(0, 50).Select(i => Tag("k" + i, "v"))).Length);
        }

        [Theory]
        [InlineData("aws:x", "v")]
        [InlineData("AWS:x", "v")]
        [InlineData("", "v")]
        [InlineData(null, "v")]
        [InlineData("key;rm", "v")]
        [InlineData("k", "value\nnext")]
        [InlineData("k", "a|b")]
        public void Refuses_what_iam_refuses(string key, string value)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => IamTags.Validate(new[] { Tag(key, value) }));
            Assert.Equal("IamTagInvalid", error.ErrorId);
            Assert.DoesNotContain("\n", error.Message);
        }

        [Fact]
        public void Limits_counts_and_lengths()
        {
            Assert.Equal("IamTagInvalid", Assert.Throws<SemaphoreOidcException>(() => IamTags.Validate(Enumerable.Range(0, 51).Select(i => Tag("k" + i, "v")))).ErrorId);
            IamTags.Validate(new[] { Tag(new string('k', 128), new string('v', 256)) });
            Assert.Equal("IamTagInvalid", Assert.Throws<SemaphoreOidcException>(() => IamTags.Validate(new[] { Tag(new string('k', 129), "v") })).ErrorId);
            Assert.Equal("IamTagInvalid", Assert.Throws<SemaphoreOidcException>(() => IamTags.Validate(new[] { Tag("k", new string('v', 257)) })).ErrorId);
        }
    }
}
