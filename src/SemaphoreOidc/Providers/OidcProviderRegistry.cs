using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Iam;

namespace SemaphoreOidc.Providers
{
    /// <summary>The account's IAM OIDC providers, seen and changed the way an administrator means it: by issuer URL, idempotently.</summary>
    public sealed class OidcProviderRegistry
    {
        private readonly IamClient _iam;

        public OidcProviderRegistry(IamClient iam) => _iam = iam ?? throw new ArgumentNullException(nameof(iam));

        public async Task<IReadOnlyList<SemaphoreOidcProvider>> ListAsync(CancellationToken cancellation)
        {
            var providers = new List<SemaphoreOidcProvider>();
            foreach (string arn in await _iam.ListOpenIdConnectProvidersAsync(cancellation).ConfigureAwait(false))
            {
                providers.Add(await GetAsync(OidcProviderArn.Parse(arn), cancellation).ConfigureAwait(false));
            }

            return providers;
        }

        public async Task<SemaphoreOidcProvider> GetAsync(OidcProviderArn arn, CancellationToken cancellation) =>
            ToProvider(await _iam.GetOpenIdConnectProviderAsync(arn.Value, cancellation).ConfigureAwait(false));

        /// <summary>The provider for this issuer, or null. Matched on the ARN suffix, which IAM derives from the URL.</summary>
        public async Task<SemaphoreOidcProvider> FindAsync(IssuerUrl issuer, CancellationToken cancellation)
        {
            foreach (string arn in await _iam.ListOpenIdConnectProvidersAsync(cancellation).ConfigureAwait(false))
            {
                if (OidcProviderArn.TryParse(arn, out OidcProviderArn parsed) &&
                    string.Equals(parsed.HostAndPath, issuer.HostAndPath, StringComparison.OrdinalIgnoreCase))
                {
                    return await GetAsync(parsed, cancellation).ConfigureAwait(false);
                }
            }

            return null;
        }

        public async Task<ProviderChange> PlanAsync(IssuerUrl issuer, IEnumerable<string> audiences, IEnumerable<string> thumbprints,
            bool computeThumbprint, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken cancellation)
        {
            var change = new ProviderChange
            {
                Issuer = issuer,
                Audiences = ProviderInputs.Audiences(audiences, issuer),
                Thumbprints = ProviderInputs.Thumbprints(thumbprints),
                Tags = IamTags.Validate(tags),
                ComputeThumbprint = computeThumbprint,
            };
            change.Existing = await FindAsync(issuer, cancellation).ConfigureAwait(false);
            if (change.Existing != null)
            {
                change.MissingAudiences = change.Audiences.Where(a => !change.Existing.ClientIds.Contains(a, StringComparer.Ordinal)).ToArray();
            }

            return change;
        }

        public async Task<SemaphoreOidcProvider> ApplyAsync(ProviderChange change, CancellationToken cancellation)
        {
            if (change.Existing != null)
            {
                foreach (string audience in change.MissingAudiences)
                {
                    await _iam.AddClientIdToOpenIdConnectProviderAsync(change.Existing.Arn, audience, cancellation).ConfigureAwait(false);
                }

                var updated = await GetAsync(OidcProviderArn.Parse(change.Existing.Arn), cancellation).ConfigureAwait(false);
                updated.AddedClientIds = change.MissingAudiences;
                return updated;
            }

            string[] thumbprints = change.Thumbprints;
            if (change.ComputeThumbprint && thumbprints.Length == 0)
            {
                thumbprints = new[] { await ThumbprintReader.ReadAsync(change.Issuer, cancellation).ConfigureAwait(false) };
            }

            string arn;
            try
            {
                arn = await _iam.CreateOpenIdConnectProviderAsync(change.Issuer.Value, change.Audiences, thumbprints, change.Tags, cancellation).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (error.Code == "EntityAlreadyExists")
            {
                // Created by someone else since we looked: idempotent all the same.
                var existing = await FindAsync(change.Issuer, cancellation).ConfigureAwait(false);
                if (existing == null) throw;
                return await ApplyAsync(new ProviderChange
                {
                    Issuer = change.Issuer, Existing = existing, Audiences = change.Audiences,
                    MissingAudiences = change.Audiences.Where(a => !existing.ClientIds.Contains(a, StringComparer.Ordinal)).ToArray(),
                }, cancellation).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (thumbprints.Length == 0 && NeedsThumbprint(error))
            {
                // Older partitions and some chains still need one: take it from the JWKS host as the console does.
                thumbprints = new[] { await ThumbprintReader.ReadAsync(change.Issuer, cancellation).ConfigureAwait(false) };
                arn = await _iam.CreateOpenIdConnectProviderAsync(change.Issuer.Value, change.Audiences, thumbprints, change.Tags, cancellation).ConfigureAwait(false);
            }

            var created = await GetAsync(OidcProviderArn.Parse(arn), cancellation).ConfigureAwait(false);
            created.Created = true;
            created.AddedClientIds = change.Audiences;
            return created;
        }

        public static SemaphoreOidcException NotFound(IssuerUrl issuer) =>
            new SemaphoreOidcException(ProviderErrorIds.ProviderNotFound, ErrorKind.ObjectNotFound,
                $"The account has no IAM OIDC provider for {issuer.Value}. Create it with New-SemaphoreOidcProvider.", issuer.Value);

        /// <summary>A deletion is read back this many times while IAM still shows the provider (IAM is eventually consistent).</summary>
        public const int DeleteChecks = 3;

        /// <summary>
        /// Deletes the provider and reads it back: only NoSuchEntity proves the deletion happened, so an answer that
        /// merely looks like success (a proxy, a fake) is caught (docs/aws-calls.md). Returns false when the
        /// caller may not read providers (iam:GetOpenIDConnectProvider denied): AWS answered, but nothing confirms.
        /// </summary>
        public async Task<bool> RemoveAsync(OidcProviderArn arn, CancellationToken cancellation)
        {
            if (arn == null) throw new ArgumentNullException(nameof(arn));
            string valid = arn.Value;
            await _iam.DeleteOpenIdConnectProviderAsync(valid, cancellation).ConfigureAwait(false);
            var pause = RetryPolicy.Default();
            for (int check = 1; ; check++)
            {
                try
                {
                    await _iam.GetOpenIdConnectProviderAsync(valid, cancellation).ConfigureAwait(false);
                }
                catch (AwsServiceException error) when (error.Code == "NoSuchEntity")
                {
                    return true;
                }
                catch (AwsServiceException error) when (error.Kind == ErrorKind.PermissionDenied)
                {
                    return false;
                }
                catch (SemaphoreOidcException error)
                {
                    throw new SemaphoreOidcException(IamErrorIds.ProviderDeleteUnconfirmed, ErrorKind.InvalidData,
                        $"IAM accepted the deletion of {valid}, but reading it back failed ({error.ErrorId}: {error.Message}), so the deletion is not " +
                        "confirmed. Check with Get-SemaphoreOidcProvider.", valid, error);
                }

                if (check >= DeleteChecks)
                {
                    throw new SemaphoreOidcException(IamErrorIds.ProviderDeleteUnconfirmed, ErrorKind.InvalidData,
                        $"IAM answered that {valid} was deleted, but it still exists after {check} checks. Something other than IAM may have " +
                        "answered the deletion (a proxy); check the network, HTTPS_PROXY and the endpoint URL, then try again.", valid);
                }

                await Task.Delay(pause.DelayBefore(check), cancellation).ConfigureAwait(false);
            }
        }

        private static bool NeedsThumbprint(AwsServiceException error) =>
            (error.Code == "InvalidInput" || error.Code == "ValidationError") &&
            error.AwsMessage != null && error.AwsMessage.IndexOf("thumbprint", StringComparison.OrdinalIgnoreCase) >= 0;

        private static SemaphoreOidcProvider ToProvider(OidcProviderDescription description)
        {
            string url = description.Url ?? (OidcProviderArn.TryParse(description.Arn, out OidcProviderArn arn) ? arn.HostAndPath : null);
            if (url != null && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) url = url.Substring("https://".Length);
            return new SemaphoreOidcProvider
            {
                Arn = description.Arn,
                Url = url,
                Issuer = url == null ? null : "https://" + url,
                ClientIds = description.ClientIds.ToArray(),
                Thumbprints = description.Thumbprints.ToArray(),
                CreateDate = description.CreateDate,
                Tags = description.Tags.ToDictionary(t => t.Key, t => t.Value),
            };
        }
    }
}
