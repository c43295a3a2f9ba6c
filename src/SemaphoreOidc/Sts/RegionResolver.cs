using System;
using System.Text.RegularExpressions;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Sts
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
    }

    /// <summary>Region order of the AWS CLI for a job: explicit, then AWS_REGION, then AWS_DEFAULT_REGION.</summary>
    public static class RegionResolver
    {
        public const string FallbackRegion = "us-east-1";

        private static readonly Regex Shape = new Regex(@"^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant);

        public static ResolvedRegion Resolve(string parameter, Func<string, string> environment)
        {
            if (!string.IsNullOrWhiteSpace(parameter)) return new ResolvedRegion(Validate(parameter.Trim(), "-Region"), RegionSource.Parameter);
            string value = environment("AWS_REGION");
            if (!string.IsNullOrWhiteSpace(value)) return new ResolvedRegion(Validate(value.Trim(), "AWS_REGION"), RegionSource.AwsRegion);
            value = environment("AWS_DEFAULT_REGION");
            if (!string.IsNullOrWhiteSpace(value)) return new ResolvedRegion(Validate(value.Trim(), "AWS_DEFAULT_REGION"), RegionSource.AwsDefaultRegion);
            return new ResolvedRegion(FallbackRegion, RegionSource.Fallback);
        }

        public static string Validate(string region, string from)
        {
            if (!Shape.IsMatch(region))
            {
                throw new SemaphoreOidcException("RegionInvalid", ErrorKind.InvalidArgument,
                    $"'{region}' (from {from}) is not an AWS region name such as us-east-1 or eu-central-1.", region);
            }

            return region;
        }
    }
}
