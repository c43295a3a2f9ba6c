using System;
using System.Collections.Generic;
using System.Linq;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>
    /// An AWS partition: the name ARNs carry, the DNS suffix of its endpoints, and its one global IAM endpoint
    /// with the region IAM requests are signed for. The only partition table of the module (docs/aws-names.md).
    /// </summary>
    public sealed class AwsPartition
    {
        private readonly string _regionPrefix;

        private AwsPartition(string name, string dnsSuffix, string iamHost, string iamSigningRegion, string regionPrefix)
        {
            Name = name;
            DnsSuffix = dnsSuffix;
            IamEndpoint = new Uri("https://" + iamHost + "/");
            IamSigningRegion = iamSigningRegion;
            _regionPrefix = regionPrefix;
        }

        /// <summary>Every partition the module accepts in ARNs and -Partition; the first is the default.</summary>
        public static IReadOnlyList<AwsPartition> All { get; } = new[]
        {
            // Regions of a partition share a prefix; the standard partition takes every other region, as AWS SDKs do.
            new AwsPartition("aws", "amazonaws.com", "iam.amazonaws.com", "us-east-1", null),
            new AwsPartition("aws-cn", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "cn-"),
            new AwsPartition("aws-us-gov", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1", "us-gov-"),
            new AwsPartition("aws-iso", "c2s.ic.gov", "iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1", "us-iso-"),
            new AwsPartition("aws-iso-b", "sc2s.sgov.gov", "iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1", "us-isob-"),
            new AwsPartition("aws-iso-e", "cloud.adc-e.uk", "iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1", "eu-isoe-"),
            new AwsPartition("aws-iso-f", "csp.hci.ic.gov", "iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1", "us-isof-"),
            new AwsPartition("aws-eusc", "amazonaws.eu", "iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1", "eusc-"),
        };

        /// <summary>The standard partition, <c>aws</c>.</summary>
        public static AwsPartition Standard => All[0];

        /// <summary>aws, aws-cn, aws-us-gov, ...: what ARNs carry after <c>arn:</c>.</summary>
        public string Name { get; }

        /// <summary>amazonaws.com, amazonaws.com.cn, ...</summary>
        public string DnsSuffix { get; }

        /// <summary>IAM is global per partition: one endpoint ...</summary>
        public Uri IamEndpoint { get; }

        /// <summary>... and one region its requests are signed for.</summary>
        public string IamSigningRegion { get; }

        /// <summary>The partition of a valid region name (<see cref="RegionResolver.Validate"/>); null or empty means the standard one.</summary>
        public static AwsPartition ForRegion(string region)
        {
            if (string.IsNullOrEmpty(region)) return Standard;

            // The longest matching prefix wins, so the table's order never matters.
            return All.Where(p => p._regionPrefix != null && region.StartsWith(p._regionPrefix, StringComparison.Ordinal))
                       .OrderByDescending(p => p._regionPrefix.Length)
                       .FirstOrDefault() ?? Standard;
        }

        public static bool TryGet(string name, out AwsPartition partition)
        {
            partition = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            return partition != null;
        }

        /// <summary>The partition named <paramref name="name"/>, or PartitionInvalid.</summary>
        public static AwsPartition Get(string name)
        {
            if (TryGet(name?.Trim(), out AwsPartition partition)) return partition;
            throw new SemaphoreOidcException(AwsErrorIds.PartitionInvalid, ErrorKind.InvalidArgument,
                $"'{InputText.Show(name)}' is not an AWS partition ({string.Join(", ", All.Select(p => p.Name))}).", name);
        }

        public override string ToString() => Name;
    }
}
