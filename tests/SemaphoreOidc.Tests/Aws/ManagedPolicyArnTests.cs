using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class ManagedPolicyArnTests
    {
        [Theory]
        [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess", "aws", "aws", "/", "ReadOnlyAccess")]
        [InlineData("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "aws", "aws", "/service-role/", "AWSLambdaBasicExecutionRole")]
        [InlineData("arn:aws-cn:iam::123456789012:policy/team/ci/deploy-s3", "aws-cn", "123456789012", "/team/ci/", "deploy-s3")]
        [InlineData(" arn:aws-us-gov:iam::123456789012:policy/a+b=c,d.e@f_g ", "aws-us-gov", "123456789012", "/", "a+b=c,d.e@f_g")]
        public void Parses_managed_policy_arns(string value, string partition, string account, string path, string name)
        {
            var arn = ManagedPolicyArn.Parse(value);
            Assert.Equal(value.Trim(), arn.Value);
            Assert.Equal(partition, arn.Partition);
            Assert.Equal(account, arn.AccountId);
            Assert.Equal(path, arn.Path);
            Assert.Equal(name, arn.Name);
        }

        [Fact]
        public void Names_up_to_128_characters()
        {
            Assert.True(ManagedPolicyArn.TryParse("arn:aws:iam::aws:policy/" + new string('p', 128), out _));
            Assert.False(ManagedPolicyArn.TryParse("arn:aws:iam::aws:policy/" + new string('p', 129), out _));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("ReadOnlyAccess")]
        [InlineData("arn:aws:iam::aws:role/ReadOnlyAccess")]
        [InlineData("arn:aws:iam::amazon:policy/ReadOnlyAccess")]
        [InlineData("arn:aws:iam::123:policy/x")]
        [InlineData("arn:aws:iam::aws:policy/")]
        [InlineData("arn:aws:s3:::bucket")]
        [InlineData("arn:aws:iam::aws:policy/Read Only")]
        // The old pattern's \w and \d: letters and digits of other scripts, which IAM refuses.
        [InlineData("arn:aws:iam::aws:policy/Lecture-Seule-é")]
        [InlineData("arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:policy/x")]
        [InlineData("arn:aws-iso-z:iam::aws:policy/ReadOnlyAccess")]
        [InlineData("arn:aws:iam::aws:policy//ReadOnlyAccess")]
        public void Refuses_what_is_not_a_managed_policy_arn(string value)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => ManagedPolicyArn.Parse(value));
            Assert.Equal("PolicyArnInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Equal(value, error.Target);
        }
    }
}
