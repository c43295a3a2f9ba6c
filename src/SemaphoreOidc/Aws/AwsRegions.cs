using System.Linq;
using Amazon;

namespace SemaphoreOidc.Aws
{
    /// <summary>The regions the bundled AWSSDK.Core knows, as plain strings so no SDK type crosses into the cmdlets.</summary>
    public static class AwsRegions
    {
        public static string[] SystemNames() =>
            RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
    }
}
