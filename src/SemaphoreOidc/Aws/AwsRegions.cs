using System.Linq;
using Amazon;

namespace SemaphoreOidc.Aws
{
    /// <summary>The regions the bundled AWSSDK.Core knows, as plain strings so no SDK type crosses into the cmdlets.</summary>
    public static class AwsRegions
    {
        /// <summary>Only names <see cref="RegionResolver"/> accepts: the SDK also lists pseudo regions such as us-east-1-regional.</summary>
        public static string[] SystemNames() =>
            RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Where(RegionResolver.IsValid)
                .Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
    }
}
