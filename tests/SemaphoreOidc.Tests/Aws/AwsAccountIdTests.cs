using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class AwsAccountIdTests
    {
        [Theory]
        [InlineData("123456789012")]
        [InlineData(" 000000000000 ")]
        public void Accepts_twelve_ascii_digits(string id) => Assert.Equal(id.Trim(), AwsAccountId.Validate(id));

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("12345678901")]
        [InlineData("1234567890123")]
        [InlineData("12345678901a")]
        [InlineData("١٢٣٤٥٦٧٨٩٠١٢")]
        [InlineData("１２３４５６７８９０１２")]
        [InlineData("123456789012\nX")]
        public void Refuses_anything_else(string id)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => AwsAccountId.Validate(id));
            Assert.Equal("AccountIdInvalid", error.ErrorId);
            Assert.Equal(id, error.Target);
            Assert.DoesNotContain("\n", error.Message);
        }
    }
}
