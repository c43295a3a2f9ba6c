using System;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Iam
{
    /// <summary>
    /// Where IAM requests go and the region they are signed for: the partition's one global endpoint, or an
    /// endpoint the user gave (docs/aws-names.md, "Partitions" and "Endpoints").
    /// </summary>
    public sealed class IamEndpoint
    {
        private IamEndpoint(AwsEndpointUrl endpoint, AwsPartition partition, bool isCustom)
        {
            Endpoint = endpoint;
            SigningRegion = partition.IamSigningRegion;
            Partition = partition.Name;
            IsCustom = isCustom;
        }

        public AwsEndpointUrl Endpoint { get; }
        public Uri Url => Endpoint.Url;

        /// <summary>The endpoint as messages and verbose lines show it: never user information.</summary>
        public string Display => Endpoint.Display;

        public string SigningRegion { get; }
        public string Partition { get; }

        /// <summary>True when the user gave the endpoint (-EndpointUrl).</summary>
        public bool IsCustom { get; }

        /// <summary>For a region (its partition picks endpoint and signing region) and an optional endpoint URL.</summary>
        public static IamEndpoint Resolve(string region, string endpointUrl)
        {
            AwsPartition partition = AwsPartition.ForRegion(region);
            var custom = AwsEndpointUrl.ParseOptional(endpointUrl, "https://iam.amazonaws.com");
            return new IamEndpoint(custom ?? AwsEndpointUrl.Known(partition.IamEndpoint), partition, custom != null);
        }

        /// <summary>Region from the parameter, AWS_REGION or AWS_DEFAULT_REGION; IAM is global, so the fallback needs no warning.</summary>
        public static IamEndpoint Resolve(string region, string endpointUrl, Func<string, string> environment) =>
            Resolve(RegionResolver.Resolve(region, environment).Name, endpointUrl);

        public override string ToString() => Display;
    }
}
