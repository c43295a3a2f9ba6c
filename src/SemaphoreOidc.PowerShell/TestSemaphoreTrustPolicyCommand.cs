using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Policies;

namespace SemaphoreOidc.Commands
{
    /// <summary>Test-SemaphoreTrustPolicy. Its help (synopsis, description, examples) has one source: module/help/Test-SemaphoreTrustPolicy.psd1.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "SemaphoreTrustPolicy", DefaultParameterSetName = ReviewSet)]
    [OutputType(typeof(PolicyDecision), typeof(PolicyFinding))]
    public sealed class TestSemaphoreTrustPolicyCommand : SemaphoreOidcCmdlet
    {
        private const string ReviewSet = "Review";
        private const string SubjectSet = "Subject";
        private const string TokenSet = "Token";
        private const string ClaimsSet = "Claims";

        // Kept as object: engine types in a cmdlet's fields would load the engine during Import-Module's type scan.
        private object _lastInput;
        private object _lastEvaluator;

        /// <summary>The trust policy: a TrustPolicy (New-SemaphoreTrustPolicy), JSON text, or a path to a JSON file.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ReviewSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = SubjectSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = TokenSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ClaimsSet)]
        public object Policy { get; set; }

        /// <summary>A sub value to test, e.g. org:my-org:project:&lt;id&gt;:repo:web:ref_type:branch:ref:refs/heads/main.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SubjectSet)]
        [AllowEmptyString]
        public string Subject { get; set; }

        /// <summary>A Semaphore OIDC token (compact JWT); decoded, not verified.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
        [AllowEmptyString]
        [Alias("WebIdentityToken")]
        public string Token { get; set; }

        /// <summary>A token object (Get-SemaphoreOidcToken) or a hashtable with iss/Issuer, aud/Audience, sub/Subject and optionally HasSessionTags.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ClaimsSet)]
        public object Claims { get; set; }

        /// <summary>The token's aud; default the issuer URL, as Semaphore sets it.</summary>
        [Parameter(ParameterSetName = SubjectSet)]
        [Parameter(ParameterSetName = ClaimsSet)]
        public string Audience { get; set; }

        /// <summary>The token's iss; default https://&lt;org&gt;.semaphoreci.com with the org from the subject.</summary>
        [Parameter(ParameterSetName = SubjectSet)]
        [Parameter(ParameterSetName = ClaimsSet)]
        [Alias("IssuerUrl")]
        public string Issuer { get; set; }

        /// <summary>The organisation, when the issuer cannot be read from the subject.</summary>
        [Parameter(ParameterSetName = SubjectSet)]
        public string Organization { get; set; }

        /// <summary>With -Subject: the token carries session tags (then sts:TagSession must be allowed too).</summary>
        [Parameter(ParameterSetName = SubjectSet)]
        public SwitchParameter SessionTags { get; set; }

        /// <summary>Only a provider in this account counts as the principal; default any account.</summary>
        [Parameter(ParameterSetName = SubjectSet)]
        [Parameter(ParameterSetName = TokenSet)]
        [Parameter(ParameterSetName = ClaimsSet)]
        public string AccountId { get; set; }

        /// <summary>With only a policy: the account's trust-policy size quota for the size findings (default 2048).</summary>
        [Parameter(ParameterSetName = ReviewSet)]
        [ValidateRange(1, int.MaxValue)]
        public int SizeQuota { get; set; } = TrustPolicy.DefaultSizeQuota;

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.Add(PolicyErrorIds.PolicyRequestInvalid, "Give -Issuer (or, with -Subject, -Organization).");
            hints.Add(Tokens.TokenErrorIds.TokenMissing, "-Token was empty: pass a token.");
            hints.Add(Providers.ProviderErrorIds.OrganizationInvalid, "For self-hosted Semaphore use -Issuer.");
        }

        protected override void ProcessRecord()
        {
            try
            {
                var evaluator = EvaluatorFor(Policy);
                if (ParameterSetName == ReviewSet)
                {
                    foreach (PolicyFinding finding in FindingsAnalyzer.Analyze(evaluator.Policy, SizeQuota)) WriteObject(finding);
                    return;
                }

                RequestContext request = ParameterSetName == TokenSet ? RequestContext.FromToken(Token)
                    : ParameterSetName == ClaimsSet ? ClaimsToRequest(Claims)
                    : RequestContext.ForSubject(Subject, Issuer, Audience, Organization, SessionTags);
                request.AccountId = string.IsNullOrEmpty(AccountId) ? null : Aws.AwsAccountId.Validate(AccountId);
                WriteObject(evaluator.Evaluate(request));
            }
            catch (SemaphoreOidcException error)
            {
                // Per item: the next policy or token in the pipeline still gets its answer.
                WriteError(ToErrorRecord(error));
            }
        }

        private PolicyEvaluator EvaluatorFor(object input)
        {
            object value = input is PSObject wrapped ? wrapped.BaseObject : input;
            if (_lastEvaluator != null && ReferenceEquals(value, _lastInput)) return (PolicyEvaluator)_lastEvaluator;
            var evaluator = new PolicyEvaluator(PolicyInput.Read(value, SessionState));
            _lastInput = value;
            _lastEvaluator = evaluator;
            return evaluator;
        }

        /// <summary>A token object or hashtable: read by property name so any shape with Issuer/Audience/Subject binds.</summary>
        private RequestContext ClaimsToRequest(object claims)
        {
            object value = claims is PSObject wrapped ? wrapped.BaseObject : claims;
            Func<string[], object> read;
            if (value is IDictionary dictionary)
            {
                read = names =>
                {
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (names.Any(n => string.Equals(n, entry.Key?.ToString(), StringComparison.OrdinalIgnoreCase))) return entry.Value;
                    }

                    return null;
                };
            }
            else
            {
                PSObject shape = PSObject.AsPSObject(claims);
                read = names => names.Select(n => shape.Properties[n]?.Value).FirstOrDefault(v => v != null);
            }

            string issuer = Issuer ?? AsString(read(new[] { "Issuer", "iss" }));
            string subject = AsString(read(new[] { "Subject", "sub" }));
            object audienceValue = Audience ?? read(new[] { "Audiences", "Audience", "aud" });
            string[] audiences = audienceValue is IEnumerable list && !(audienceValue is string)
                ? list.Cast<object>().Select(AsString).Where(a => a != null).ToArray()
                : AsString(audienceValue) is string one ? new[] { one } : null;
            object tags = read(new[] { "HasSessionTags" });
            bool hasTags = tags is bool b ? b : (tags is SwitchParameter sw && sw.IsPresent) || read(new[] { "https://aws.amazon.com/tags" }) != null;

            return RequestContext.ForClaims(issuer, subject, audiences, hasTags, AsString(read(new[] { "Organization", "org" })));
        }

        private static string AsString(object value) => (value is PSObject p ? p.BaseObject : value)?.ToString();
    }
}
