using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Aws;

namespace SemaphoreOidc.Iam
{
    /// <summary>
    /// Listing calls for tab completion, beside <see cref="IamClient"/> rather than in it: the completers only need
    /// names, page by page, and stop early.
    /// </summary>
    public static class IamListing
    {
        /// <summary>At most this many ListRoles pages (IAM returns up to 1000 roles each), so completion stays bounded.</summary>
        public const int MaxPages = 5;

        public static async Task<IReadOnlyList<string>> ListRoleNamesAsync(IamClient client, CancellationToken cancellation)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            var names = new List<string>();
            string marker = null;
            for (int page = 0; page < MaxPages; page++)
            {
                var parameters = new QueryParameters("ListRoles", IamClient.ApiVersion).Add("MaxItems", 1000);
                if (marker != null) parameters.Add("Marker", marker);
                var result = await client.SendAsync(parameters, cancellation).ConfigureAwait(false);
                var roles = QueryResponse.Element(result, "Roles");
                if (roles != null)
                {
                    names.AddRange(roles.Elements().Where(e => e.Name.LocalName == "member")
                        .Select(m => QueryResponse.Child(m, "RoleName")).Where(n => !string.IsNullOrEmpty(n)));
                }

                // IAM pages with IsTruncated + Marker (botocore's iam paginator for ListRoles).
                marker = string.Equals(QueryResponse.Child(result, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase)
                    ? QueryResponse.Child(result, "Marker")
                    : null;
                if (string.IsNullOrEmpty(marker)) break;
            }

            return names;
        }
    }
}
