using System;
using System.Text.RegularExpressions;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Aws
{
    /// <summary>Where the region came from; the cmdlet warns when it is the fallback.</summary>
    public enum RegionSource
    {
        Parameter,
        AwsRegion,
        AwsDefaultRegion,
        Fallback,
    }

    public sealed class ResolvedRegion
    {
        public ResolvedRegion(string name, RegionSource source)
        {
            Name = name;
            Source = source;
        }

        public string Name { get; }
        public RegionSource Source { get; }

        /// <summary>The partition the region belongs to.</summary>
        public AwsPartition Partition => AwsPartition.ForRegion(Name);
    }

    /// <summary>
    /// The one check of a region name, for every command that takes one, and the AWS CLI's order for finding it:
    /// explicit, then AWS_REGION, then AWS_DEFAULT_REGION (docs/aws-names.md, "Regions").
    /// </summary>
    public static class RegionResolver
    {
        public const string FallbackRegion = "us-east-1";

        // ASCII only ([0-9], not \d, which matches any Unicode digit) and \z, not $, which also matches before a
        // final newline: the region goes into environment variables, files and shell text.
        private static readonly Regex Shape = new Regex(@"^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant);

        public static ResolvedRegion Resolve(string parameter, Func<string, string> environment)
        {
            environment = environment ?? Environment.GetEnvironmentVariable;
            if (!string.IsNullOrWhiteSpace(parameter)) return new ResolvedRegion(Validate(parameter.Trim(), "the region given"), RegionSource.Parameter);
            string value = environment("AWS_REGION");
            if (!string.IsNullOrWhiteSpace(value)) return new ResolvedRegion(Validate(value.Trim(), "AWS_REGION"), RegionSource.AwsRegion);
            value = environment("AWS_DEFAULT_REGION");
            if (!string.IsNullOrWhiteSpace(value)) return new ResolvedRegion(Validate(value.Trim(), "AWS_DEFAULT_REGION"), RegionSource.AwsDefaultRegion);
            return new ResolvedRegion(FallbackRegion, RegionSource.Fallback);
        }

        /// <summary>True for a well-formed region name such as us-east-1 or eusc-de-east-1.</summary>
        public static bool IsValid(string region) => region != null && Shape.IsMatch(region);

        /// <summary>The region itself, or RegionInvalid naming where it came from.</summary>
        public static string Validate(string region, string from)
        {
            if (!IsValid(region))
            {
                throw new SemaphoreOidcException(AwsErrorIds.RegionInvalid, ErrorKind.InvalidArgument,
                    $"'{InputText.Show(region)}' (from {from}) is not an AWS region name such as us-east-1 or eu-central-1.", region);
            }

            return region;
        }
    }
}
