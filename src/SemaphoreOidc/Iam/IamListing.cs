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
                var (roles, next) = await client.CallAsync(parameters, result =>
                {
                    var members = QueryResponse.RequiredElement(result, "Roles").Elements().Where(e => e.Name.LocalName == "member")
                        .Select(m => QueryResponse.Required(m, "RoleName")).ToArray();
                    // IAM pages with IsTruncated + Marker (botocore's iam paginator for ListRoles).
                    string following = string.Equals(QueryResponse.Child(result, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase)
                        ? QueryResponse.Required(result, "Marker")
                        : null;
                    return (members, following);
                }, cancellation).ConfigureAwait(false);
                names.AddRange(roles);
                marker = next;
                if (string.IsNullOrEmpty(marker)) break;
            }

            return names;
        }
    }
}
