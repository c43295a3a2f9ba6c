using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Http;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Commands
{
    /// <summary>Get-SemaphoreOidcToken. Its help (synopsis, description, examples) has one source: module/help/Get-SemaphoreOidcToken.psd1.</summary>
    [Cmdlet(VerbsCommon.Get, "SemaphoreOidcToken", DefaultParameterSetName = JobSet)]
    [OutputType(typeof(SemaphoreToken))]
    public sealed class GetSemaphoreOidcTokenCommand : SemaphoreOidcCmdlet
    {
        private const string JobSet = "Job";
        private const string OrganizationSet = "Organization";
        private const string IssuerUrlSet = "IssuerUrl";

        /// <summary>The token; defaults to $env:SEMAPHORE_OIDC_TOKEN.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [Alias("WebIdentityToken")]
        public string Token { get; set; }

        /// <summary>Check signature, issuer, audience and lifetime against the pinned issuer's discovery document and JWKS.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <summary>With -Verify, the Semaphore organisation the token must come from: the issuer https://&lt;org&gt;.semaphoreci.com.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OrganizationSet)]
        [AllowEmptyString]
        public string Organization { get; set; }

        /// <summary>With -Verify, the issuer the token must come from, exactly as tokens carry it in iss (self-hosted Semaphore).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IssuerUrlSet)]
        [AllowEmptyString]
        public string IssuerUrl { get; set; }

        /// <summary>With -Verify, the audience the token must carry; defaults to the pinned issuer URL, as Semaphore sets it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Audience { get; set; }

        protected override void AddErrorHints(ErrorHints hints)
        {
            base.AddErrorHints(hints);
            hints.AddTokenParameter(nameof(Token), () => Token != null);
            hints.Add(TokenErrorIds.TokenIssuerNotPinned, "Pin it with -Organization <org> or -IssuerUrl <url>.");
            hints.Add(TokenErrorIds.OrganizationUrlInvalid, "Pin it with -Organization <org> or -IssuerUrl <url>.");
            hints.Add(TokenErrorIds.TokenIssuerMismatch, "Pin the expected issuer with -Organization or -IssuerUrl.");
            hints.Add(TokenErrorIds.TokenAudienceMismatch, "Give the expected audience with -Audience.");
            hints.Add(Providers.ProviderErrorIds.OrganizationInvalid, "For self-hosted Semaphore use -IssuerUrl.");
        }

        /// <summary>Where the pin came from, in this command's parameters.</summary>
        private string PinnedBy(IssuerPin pin)
        {
            switch (pin.Source)
            {
                case IssuerPinSource.Organization: return "-Organization " + Organization.Trim();
                case IssuerPinSource.IssuerUrl: return "-IssuerUrl";
                default: return pin.Description;
            }
        }

        protected override void ProcessRecord()
        {
            string raw = TokenSource.Resolve(MyInvocation.BoundParameters.ContainsKey(nameof(Token)) ? Token ?? string.Empty : null);
            try
            {
                if (!Verify)
                {
                    if (ParameterSetName != JobSet || Audience != null)
                    {
                        throw new SemaphoreOidcException(TokenErrorIds.TokenVerifyRequired, ErrorKind.InvalidArgument,
                            "-Organization, -IssuerUrl and -Audience only say what -Verify checks, and -Verify was not given: nothing would be checked. " +
                            "Add -Verify to verify the token, or leave them out to only decode it.",
                            ParameterSetName == OrganizationSet ? "Organization" : ParameterSetName == IssuerUrlSet ? "IssuerUrl" : "Audience");
                    }

                    WriteObject(TokenReader.Read(raw));
                    return;
                }

                // The issuer comes from the caller or the job, never from the token (docs/semaphore-token.md).
                var pin = IssuerPin.Resolve(ParameterSetName == OrganizationSet ? Organization : null, ParameterSetName == IssuerUrlSet ? IssuerUrl : null);
                string pinnedBy = PinnedBy(pin);
                var token = RunEngine((log, cancel) =>
                {
                    log.Verbose($"Verifying the token against {pin.Url.Value} (pinned by {pinnedBy}): its discovery document and JWKS.");
                    var options = new TokenVerificationOptions { Issuer = pin, ExpectedAudience = Audience, Log = log };
                    return TokenVerifier.VerifyAsync(raw, SharedHttpClients.ForEnvironment(), options, cancel);
                });
                WriteVerbose($"Signature, issuer, audience and lifetime verified against {pin.Url.Value} (pinned by {pinnedBy}).");
                WriteObject(token);
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
