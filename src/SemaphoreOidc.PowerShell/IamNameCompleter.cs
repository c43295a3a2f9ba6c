using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using SemaphoreOidc.Iam;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// Completes a parameter from names IAM lists, with the -Region, -ProfileName and -EndpointUrl already typed on
    /// the command line. Tab must stay instant and quiet: one attempt, a 2 s budget for credentials and the call
    /// together, and no completions (never an error) when IAM cannot answer in time.
    /// </summary>
    public abstract class IamNameCompleter : IArgumentCompleter
    {
        public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

        // Repeated Tab presses within a short time reuse the last answer instead of asking IAM again.
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
        private static readonly ConcurrentDictionary<string, Tuple<DateTime, IReadOnlyList<string>>> Cache =
            new ConcurrentDictionary<string, Tuple<DateTime, IReadOnlyList<string>>>();

        protected abstract Task<IReadOnlyList<string>> ListAsync(IamClient client, CancellationToken cancellation);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string region = Bound(fakeBoundParameters, "Region");
                string profile = Bound(fakeBoundParameters, "ProfileName") ?? Bound(fakeBoundParameters, "Profile");
                string endpoint = Bound(fakeBoundParameters, "EndpointUrl");
                string key = string.Join("|", GetType().Name, region, profile, endpoint);
                if (!Cache.TryGetValue(key, out var cached) || DateTime.UtcNow - cached.Item1 > CacheLifetime)
                {
                    var names = List(region, profile, endpoint);
                    if (names == null) return new CompletionResult[0];
                    cached = Tuple.Create(DateTime.UtcNow, names);
                    Cache[key] = cached;
                }

                return CompleterText.Complete(cached.Item2, wordToComplete);
            }
            catch
            {
                // No credentials, no network, a bad -EndpointUrl: completion just offers nothing.
                return new CompletionResult[0];
            }
        }

        private IReadOnlyList<string> List(string region, string profile, string endpoint)
        {
            var cancellation = new CancellationTokenSource(Budget);
            var task = Task.Run(async () =>
            {
                // Completion cannot warn, so it never sends signed requests over plain http to another machine.
                var resolved = IamEndpoint.Resolve(region, endpoint, null);
                if (resolved.Endpoint.IsCleartextOffMachine) return null;
                var client = IamClientFactory.Create(resolved, profile, null);
                client.MaxAttempts = 1;
                client.AttemptTimeout = Budget;
                return await ListAsync(client, cancellation.Token).ConfigureAwait(false);
            });

            // Credential resolution (the SDK chain may probe instance metadata) does not take the token, so the wait
            // is bounded here too; a late task is left to finish, its failure observed and dropped.
            task.ContinueWith(t => { _ = t.Exception; cancellation.Dispose(); }, TaskContinuationOptions.ExecuteSynchronously);
            try
            {
                return task.Wait(Budget) ? task.Result : null;
            }
            catch (AggregateException)
            {
                return null;
            }
        }

        private static string Bound(IDictionary parameters, string name)
        {
            if (parameters == null || !parameters.Contains(name)) return null;
            object value = parameters[name];
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            string text = value as string;
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }
    }

    /// <summary>Completes -RoleName from IAM ListRoles.</summary>
    public sealed class RoleNameCompleter : IamNameCompleter
    {
        protected override Task<IReadOnlyList<string>> ListAsync(IamClient client, CancellationToken cancellation) =>
            IamListing.ListRoleNamesAsync(client, cancellation);
    }

    /// <summary>Completes a provider -Arn from IAM ListOpenIDConnectProviders.</summary>
    public sealed class OidcProviderArnCompleter : IamNameCompleter
    {
        protected override Task<IReadOnlyList<string>> ListAsync(IamClient client, CancellationToken cancellation) =>
            client.ListOpenIdConnectProvidersAsync(cancellation);
    }
}
