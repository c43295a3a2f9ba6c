using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class RoleNameTests
    {
        [Theory]
        [InlineData("deploy")]
        [InlineData("A+b=c,d.e@f_g-h9")]
        [InlineData("  deploy  ")]
        public void Accepts_iam_role_names(string name) => Assert.Equal(name.Trim(), RoleName.Validate(name));

        [Fact]
        public void Accepts_64_characters_and_no_more()
        {
            Assert.Equal(64, RoleName.Validate(new string('r', 64)).Length);
            Assert.Equal("RoleNameInvalid", Assert.Throws<SemaphoreOidcException>(() => RoleName.Validate(new string('r', 65))).ErrorId);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("has space")]
        [InlineData("arn:aws:iam::123456789012:role/deploy")]
        [InlineData("ci/deploy")]
        [InlineData("déploiement")]
        [InlineData("dep\u00A0loy")]
        [InlineData("depl\u0440y")]
        public void Refuses_what_iam_refuses(string name)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => RoleName.Validate(name));
            Assert.Equal("RoleNameInvalid", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        }

        [Theory]
        [InlineData("déploiement")]
        [InlineData("deploy!")]
        public void A_name_refused_alone_is_refused_inside_an_arn_too(string name)
        {
            Assert.False(RoleName.IsValid(name));
            Assert.False(RoleArn.TryParse("arn:aws:iam::123456789012:role/" + name, out _));
        }
    }
}
