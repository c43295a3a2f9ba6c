using SemaphoreOidc.Errors;
using SemaphoreOidc.Sts;
using Xunit;

namespace SemaphoreOidc.Tests.Sts
{
    public class RoleArnTests
    {
        [Theory]
        [InlineData("arn:aws:iam::123456789012:role/deploy", "aws", "123456789012", "/", "deploy")]
        [InlineData("arn:aws-cn:iam::123456789012:role/ci/deploy", "aws-cn", "123456789012", "/ci/", "deploy")]
        [InlineData("arn:aws-us-gov:iam::000000000000:role/a/b/c+=,.@-_9", "aws-us-gov", "000000000000", "/a/b/", "c+=,.@-_9")]
        [InlineData("  arn:aws:iam::123456789012:role/deploy  ", "aws", "123456789012", "/", "deploy")]
        public void Parses_valid_role_arns(string value, string partition, string account, string path, string name)
        {
            var arn = RoleArn.Parse(value);
            Assert.Equal(partition, arn.Partition);
            Assert.Equal(account, arn.AccountId);
            Assert.Equal(path, arn.Path);
            Assert.Equal(name, arn.Name);
        }

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
        public void Refuses_anything_else_with_a_stable_id(string value)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => RoleArn.Parse(value));
            Assert.Equal("RoleArnInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Equal(value, error.Target);
        }
    }
}
