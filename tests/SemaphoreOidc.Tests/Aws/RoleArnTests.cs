using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class RoleArnTests
    {
        [Theory]
        [InlineData("arn:aws:iam::123456789012:role/deploy", "aws", "123456789012", "/", "deploy")]
        [InlineData("arn:aws-cn:iam::123456789012:role/ci/deploy", "aws-cn", "123456789012", "/ci/", "deploy")]
        [InlineData("arn:aws-us-gov:iam::000000000000:role/a/b/c+=,.@-_9", "aws-us-gov", "000000000000", "/a/b/", "c+=,.@-_9")]
        [InlineData("arn:aws-iso-b:iam::123456789012:role/deploy", "aws-iso-b", "123456789012", "/", "deploy")]
        [InlineData("arn:aws-eusc:iam::123456789012:role/deploy", "aws-eusc", "123456789012", "/", "deploy")]
        [InlineData("  arn:aws:iam::123456789012:role/deploy  ", "aws", "123456789012", "/", "deploy")]
        [InlineData("arn:aws:iam::123456789012:role/service-role/x!y~/deploy", "aws", "123456789012", "/service-role/x!y~/", "deploy")]
        public void Parses_valid_role_arns(string value, string partition, string account, string path, string name)
        {
            var arn = RoleArn.Parse(value);
            Assert.Equal(value.Trim(), arn.Value);
            Assert.Equal(partition, arn.Partition);
            Assert.Equal(account, arn.AccountId);
            Assert.Equal(path, arn.Path);
            Assert.Equal(name, arn.Name);
        }

        [Fact]
        public void Takes_the_longest_role_name_iam_allows() =>
            Assert.Equal(64, RoleArn.Parse("arn:aws:iam::123456789012:role/" + new string('r', 64)).Name.Length);

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("deploy")]
        [InlineData("arn:aws:iam::12345678901:role/deploy")]
        [InlineData("arn:aws:iam::1234567890123:role/deploy")]
        [InlineData("arn:aws:iam::123456789012:user/deploy")]
        [InlineData("arn:aws:iam::123456789012:role/")]
        [InlineData("arn:aws:sts::123456789012:assumed-role/deploy/s")]
        [InlineData("arn:aws:iam:us-east-1:123456789012:role/deploy")]
        [InlineData("arn:azure:iam::123456789012:role/deploy")]
        [InlineData("arn:aws:iam::123456789012:role/has space")]
        [InlineData("arn:aws:iam::123456789012:role/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
        // Cases the old pattern accepted: \w and \d match letters and digits of every script, which IAM refuses.
        [InlineData("arn:aws:iam::123456789012:role/déploiement")]
        [InlineData("arn:aws:iam::123456789012:role/部署")]
        [InlineData("arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/deploy")]
        // ... and partitions that do not exist (aws-iso-[a-z] admitted aws-iso-z).
        [InlineData("arn:aws-iso-z:iam::123456789012:role/deploy")]
        [InlineData("arn:aws-foo:iam::123456789012:role/deploy")]
        // An empty path segment (role//x) is not an IAM path.
        [InlineData("arn:aws:iam::123456789012:role//deploy")]
        [InlineData("arn:aws:iam::123456789012:role/deploy\nX")]
        [InlineData("arn:aws:iam::123456789012:role/ci/de ploy")]
        public void Refuses_anything_else_with_a_stable_id(string value)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => RoleArn.Parse(value));
            Assert.Equal("RoleArnInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Equal(value, error.Target);
        }

        [Fact]
        public void A_path_longer_than_512_characters_is_refused()
        {
            string path = "/" + new string('p', 510) + "/";
            Assert.True(RoleArn.TryParse("arn:aws:iam::123456789012:role" + path + "deploy", out _));
            Assert.False(RoleArn.TryParse("arn:aws:iam::123456789012:role/p" + path + "deploy", out _));
        }

        [Fact]
        public void The_message_shows_control_characters_instead_of_breaking_the_line()
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => RoleArn.Parse("arn:aws:iam::1:role/x\n::error::fake"));
            Assert.DoesNotContain("\n", error.Message);
            Assert.Contains("\\n::error::fake", error.Message);
        }
    }
}
