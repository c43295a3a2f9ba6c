using System.Linq;
using Amazon;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;
using Xunit;

namespace SemaphoreOidc.Tests.Aws
{
    public class AwsPartitionTests
    {
        [Fact]
        public void Agrees_with_the_bundled_aws_sdk_on_every_region_it_knows()
        {
            // AWSSDK.Core carries AWS's own region and partition data: the table must say the same for each region.
            var regions = RegionEndpoint.EnumerableAllRegions.Where(r => RegionResolver.IsValid(r.SystemName)).ToList();
            Assert.True(regions.Count > 30);
            foreach (RegionEndpoint region in regions)
            {
                AwsPartition partition = AwsPartition.ForRegion(region.SystemName);
                Assert.True(region.PartitionName == partition.Name, $"{region.SystemName}: SDK {region.PartitionName}, table {partition.Name}");
                Assert.True(region.PartitionDnsSuffix == partition.DnsSuffix, $"{region.SystemName}: SDK {region.PartitionDnsSuffix}, table {partition.DnsSuffix}");
            }

            // Every partition of the table has a region in the SDK: none is made up.
            Assert.All(AwsPartition.All, p => Assert.Contains(regions, r => r.PartitionName == p.Name));
        }

        [Theory]
        [InlineData("us-east-1", "aws", "https://iam.amazonaws.com/", "us-east-1")]
        [InlineData("eu-west-3", "aws", "https://iam.amazonaws.com/", "us-east-1")]
        [InlineData("cn-northwest-1", "aws-cn", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
        [InlineData("us-gov-east-1", "aws-us-gov", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
        [InlineData("us-iso-west-1", "aws-iso", "https://iam.us-iso-east-1.c2s.ic.gov/", "us-iso-east-1")]
        [InlineData("us-isob-east-1", "aws-iso-b", "https://iam.us-isob-east-1.sc2s.sgov.gov/", "us-isob-east-1")]
        [InlineData("eu-isoe-west-1", "aws-iso-e", "https://iam.eu-isoe-west-1.cloud.adc-e.uk/", "eu-isoe-west-1")]
        [InlineData("us-isof-east-1", "aws-iso-f", "https://iam.us-isof-south-1.csp.hci.ic.gov/", "us-isof-south-1")]
        [InlineData("eusc-de-east-1", "aws-eusc", "https://iam.eusc-de-east-1.amazonaws.eu/", "eusc-de-east-1")]
        // A region the table does not know by prefix belongs to the standard partition, as in AWS SDKs.
        [InlineData("xx-future-1", "aws", "https://iam.amazonaws.com/", "us-east-1")]
        public void Each_partition_has_one_iam_endpoint_and_signing_region(string region, string partition, string endpoint, string signingRegion)
        {
            IamEndpoint iam = IamEndpoint.Resolve(region, null);
            Assert.Equal(partition, iam.Partition);
            Assert.Equal(endpoint, iam.Url.AbsoluteUri);
            Assert.Equal(signingRegion, iam.SigningRegion);
            Assert.False(iam.IsCustom);
        }

        [Fact]
        public void A_custom_iam_endpoint_keeps_the_partitions_signing_region()
        {
            IamEndpoint iam = IamEndpoint.Resolve("cn-north-1", "https://127.0.0.1:8443/");
            Assert.True(iam.IsCustom);
            Assert.Equal("https://127.0.0.1:8443/", iam.Display);
            Assert.Equal("cn-north-1", iam.SigningRegion);
        }

        [Theory]
        [InlineData("aws")]
        [InlineData("aws-cn")]
        [InlineData("aws-iso-f")]
        public void Get_finds_a_partition_by_name(string name) => Assert.Equal(name, AwsPartition.Get(name).Name);

        [Theory]
        [InlineData("AWS")]
        [InlineData("aws-iso-z")]
        [InlineData("azure")]
        [InlineData("")]
        public void Get_refuses_other_names(string name)
        {
            var error = Assert.Throws<SemaphoreOidcException>(() => AwsPartition.Get(name));
            Assert.Equal("PartitionInvalid", error.ErrorId);
            Assert.Contains("aws-us-gov", error.Message);
        }
    }
}
