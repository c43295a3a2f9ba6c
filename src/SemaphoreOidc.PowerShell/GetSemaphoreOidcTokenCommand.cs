using System.Management.Automation;
using SemaphoreOidc.Errors;
using SemaphoreOidc.Http;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Commands
{
    /// <summary>
    /// <para type="synopsis">Decodes (and with -Verify, verifies) the job's Semaphore OIDC token.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SemaphoreOidcToken")]
    [OutputType(typeof(SemaphoreToken))]
    public sealed class GetSemaphoreOidcTokenCommand : SemaphoreOidcCmdlet
    {
        /// <summary>The token; defaults to $env:SEMAPHORE_OIDC_TOKEN.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [Alias("WebIdentityToken")]
        public string Token { get; set; }

        /// <summary>Check signature, issuer, audience and lifetime against the issuer's discovery document and JWKS.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <summary>With -Verify, the audience the token must carry; defaults to its issuer URL, as Semaphore sets it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Audience { get; set; }

        protected override void ProcessRecord()
        {
            string raw = TokenSource.Resolve(MyInvocation.BoundParameters.ContainsKey(nameof(Token)) ? Token ?? string.Empty : null);
            try
            {
                if (!Verify)
                {
                    WriteObject(TokenReader.Read(raw));
                    return;
                }

                var options = new TokenVerificationOptions { ExpectedAudience = Audience };
                var token = RunEngine((log, cancel) =>
                {
                    log.Verbose("Verifying the token against its issuer's discovery document and JWKS.");
                    return TokenVerifier.VerifyAsync(raw, SharedHttpClients.ForEnvironment(), options, cancel);
                });
                WriteVerbose($"Signature, issuer, audience and lifetime verified for {token.Issuer}.");
                WriteObject(token);
            }
            catch (SemaphoreOidcException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
