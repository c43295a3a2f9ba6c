using System;
using Amazon;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Iam
{
    /// <summary>IAM is global per partition: one endpoint and one signing region each (FACTS.md, IAM API).</summary>
    public sealed class IamEndpoint
    {
        private IamEndpoint(Uri url, string signingRegion, string partition)
        {
            Url = url;
            SigningRegion = signingRegion;
            Partition = partition;
        }

        public Uri Url { get; }
        public string SigningRegion { get; }
        public string Partition { get; }

        public static IamEndpoint Resolve(string region, string endpointUrl)
        {
            string partition = PartitionOf(region);
            string signingRegion;
            Uri url;
            switch (partition)
            {
                case "aws-cn":
                    signingRegion = "cn-north-1";
                    url = new Uri("https://iam.cn-north-1.amazonaws.com.cn/");
                    break;
                case "aws-us-gov":
                    signingRegion = "us-gov-west-1";
                    url = new Uri("https://iam.us-gov.amazonaws.com/");
                    break;
                default:
                    signingRegion = "us-east-1";
                    url = new Uri("https://iam.amazonaws.com/");
                    break;
            }

            if (!string.IsNullOrWhiteSpace(endpointUrl))
            {
                if (!Uri.TryCreate(endpointUrl.Trim(), UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                {
                    throw new SemaphoreOidcException("EndpointUrlInvalid", ErrorKind.InvalidArgument,
                        $"'{endpointUrl}' is not an absolute http(s) URL such as https://iam.amazonaws.com.", endpointUrl);
                }
            }

            return new IamEndpoint(url, signingRegion, partition);
        }

        public static string PartitionOf(string region)
        {
            if (string.IsNullOrWhiteSpace(region)) return "aws";
            if (region.StartsWith("cn-", StringComparison.Ordinal)) return "aws-cn";
            if (region.StartsWith("us-gov-", StringComparison.Ordinal)) return "aws-us-gov";
            try
            {
                string name = RegionEndpoint.GetBySystemName(region).PartitionName;
                return string.IsNullOrEmpty(name) ? "aws" : name;
            }
            catch (ArgumentException)
            {
                return "aws";
            }
        }
    }
}
