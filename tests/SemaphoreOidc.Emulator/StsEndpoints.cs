using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SemaphoreOidc.Emulator;

/// <summary>
/// STS 2011-06-15: AssumeRoleWithWebIdentity (validated like AWS: parameters, token, provider, audience,
/// lifetime, trust policy, duration) and GetCallerIdentity (SigV4-verified) for the credentials it issued.
/// </summary>
internal sealed partial class StsEndpoints
{
    private const string Ns = AwsXml.StsNamespace;
    private readonly EmulatorState _state;
    private readonly SigningKeys _keys;

    public StsEndpoints(EmulatorState state, SigningKeys keys)
    {
        _state = state;
        _keys = keys;
    }

    public Task HandleAsync(HttpContext ctx, AwsQueryRequest req, string requestId) => req.Action switch
    {
        "AssumeRoleWithWebIdentity" => AssumeRoleWithWebIdentityAsync(ctx, req, requestId),
        "GetCallerIdentity" => GetCallerIdentityAsync(ctx, req, requestId),
        null or "" => throw new AwsErrorException("MissingAction", "Missing Action"),
        var other => throw new AwsErrorException("InvalidAction", $"Could not find operation {other} for version 2011-06-15"),
    };

    private async Task AssumeRoleWithWebIdentityAsync(HttpContext ctx, AwsQueryRequest req, string requestId)
    {
        var roleArn = req.Get("RoleArn");
        var sessionName = req.Get("RoleSessionName");
        var tokenText = req.Get("WebIdentityToken");
        var duration = Validate(req, roleArn, sessionName, tokenText);

        var token = WebIdentityToken.TryParse(tokenText!)
            ?? throw new AwsErrorException("InvalidIdentityToken", "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
        // Only RS256: "none" and HMAC (the key-confusion attack) must never be accepted.
        if (token.Algorithm != "RS256")
            throw new AwsErrorException("InvalidIdentityToken", $"The web identity token's signing algorithm '{token.Algorithm}' is not supported.");
        var iss = token.Issuer ?? throw new AwsErrorException("InvalidIdentityToken", "The web identity token does not contain an issuer (iss) claim.");
        var provider = _state.FindProvider(iss)
            ?? throw new AwsErrorException("InvalidIdentityToken", $"No OpenIDConnect provider found in your account for {iss}");

        // STS would fetch <iss>/.well-known/jwks.json; the emulator is that issuer, so it looks its keys up directly.
        var issuerHost = new Uri(iss).Host;
        var key = _state.IsIssuerHost(issuerHost) ? _keys.FindPublished(token.KeyId) : null;
        if (key is null)
            throw new AwsErrorException("InvalidIdentityToken",
                "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements");
        if (!token.VerifyRs256(key.Rsa!))
            throw new AwsErrorException("InvalidIdentityToken", "The web identity token signature could not be verified.");

        var audience = token.Audiences.FirstOrDefault(a => provider.ClientIds.Contains(a, StringComparer.Ordinal))
            ?? throw new AwsErrorException("InvalidIdentityToken", "Incorrect token audience");

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var exp = token.Expires ?? throw new AwsErrorException("InvalidIdentityToken", "The web identity token does not contain an expiration (exp) claim.");
        if (exp <= now)
            throw new AwsErrorException("ExpiredTokenException", $"Token expired: current date/time {now} must be before the expiration date/time {exp}");
        if (token.NotBefore is { } nbf && nbf > now)
            throw new AwsErrorException("InvalidIdentityToken", $"Token is not yet valid: current date/time {now} must be after the not-before date/time {nbf}");

        var role = FindRole(roleArn!);
        var context = new Dictionary<string, string> { [$"{provider.HostAndPath}:aud"] = audience };
        if (token.Subject is { } sub) context[$"{provider.HostAndPath}:sub"] = sub;
        var denied = role is null
            || !TrustEvaluator.IsAllowed(role.TrustPolicyJson, provider.Arn, "sts:AssumeRoleWithWebIdentity", context)
            || (token.HasClaim(TokenMinter.TagsClaim) && !TrustEvaluator.IsAllowed(role.TrustPolicyJson, provider.Arn, "sts:TagSession", context));
        // A missing role and a refusing trust policy look the same from outside, as in AWS (no role enumeration).
        if (denied) throw new AwsErrorException("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        if (duration > role!.MaxSessionDuration)
            throw new AwsErrorException("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

        var expiration = DateTimeOffset.UtcNow.AddSeconds(duration);
        var assumedRoleId = $"{role.RoleId}:{sessionName}";
        var assumedArn = $"arn:{AwsPartition.ForHost(ctx.Request.Host.Host)}:sts::{_state.AccountId}:assumed-role/{role.Name}/{sessionName}";
        var creds = new IssuedCredentials("ASIA" + AwsIds.Upper(16), AwsIds.Secret(), NewSessionToken(), expiration, assumedArn, assumedRoleId);
        _state.Remember(creds);

        await AwsXml.WriteSuccessAsync(ctx, Ns, "AssumeRoleWithWebIdentity", requestId,
            token.Subject is null ? null! : AwsXml.E(Ns, "SubjectFromWebIdentityToken", token.Subject),
            AwsXml.E(Ns, "Audience", audience),
            AwsXml.E(Ns, "AssumedRoleUser",
                AwsXml.E(Ns, "Arn", assumedArn),
                AwsXml.E(Ns, "AssumedRoleId", assumedRoleId)),
            AwsXml.E(Ns, "Credentials",
                AwsXml.E(Ns, "AccessKeyId", creds.AccessKeyId),
                AwsXml.E(Ns, "SecretAccessKey", creds.SecretAccessKey),
                AwsXml.E(Ns, "SessionToken", creds.SessionToken),
                AwsXml.E(Ns, "Expiration", AwsXml.Timestamp(expiration))),
            // STS API reference, AssumeRoleWithWebIdentity response: "For OpenID Connect ID tokens, this contains
            // the value of the iss field" (the provider's ARN only for OAuth 2.0 ProviderId calls, which Semaphore is not).
            AwsXml.E(Ns, "Provider", iss));
    }

    private async Task GetCallerIdentityAsync(HttpContext ctx, AwsQueryRequest req, string requestId)
    {
        var creds = SigV4Verifier.Verify(ctx, req.RawBody, _state, "sts");
        await AwsXml.WriteSuccessAsync(ctx, Ns, "GetCallerIdentity", requestId,
            AwsXml.E(Ns, "Arn", creds.AssumedRoleArn),
            AwsXml.E(Ns, "UserId", creds.AssumedRoleId),
            AwsXml.E(Ns, "Account", _state.AccountId));
    }

    private Role? FindRole(string roleArn)
    {
        var m = RoleArnPattern().Match(roleArn);
        if (!m.Success) throw new AwsErrorException("ValidationError", "Request ARN is invalid");
        if (m.Groups["account"].Value != _state.AccountId) return null;
        var name = m.Groups["path"].Value.Split('/')[^1];
        return _state.FindRole(name);
    }

    /// <summary>AWS's parameter constraints (botocore sts service-2.json), in AWS's message style. Returns DurationSeconds.</summary>
    private static int Validate(AwsQueryRequest req, string? roleArn, string? sessionName, string? token)
    {
        var errors = new List<string>();
        Length(errors, "roleArn", roleArn, 20, 2048, required: true);
        Length(errors, "roleSessionName", sessionName, 2, 64, required: true);
        if (sessionName is not null && !SessionNamePattern().IsMatch(sessionName))
            errors.Add($"Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        Length(errors, "webIdentityToken", token, 4, 20000, required: true);
        Length(errors, "policy", req.Get("Policy"), 1, 2048, required: false);

        var duration = 3600;
        var durationText = req.Get("DurationSeconds");
        if (durationText is not null)
        {
            if (!int.TryParse(durationText, NumberStyles.Integer, CultureInfo.InvariantCulture, out duration))
                errors.Add($"Value '{durationText}' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
            else if (duration < 900)
                errors.Add($"Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
            else if (duration > 43200)
                errors.Add($"Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200");
        }

        var policyArns = req.Parameters.Where(kv => PolicyArnPattern().IsMatch(kv.Key)).Select(kv => kv.Value).ToList();
        if (policyArns.Count > 10)
            errors.Add($"Value '[{string.Join(", ", policyArns.Select(a => $"PolicyDescriptorType(arn={a})"))}]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");

        if (errors.Count > 0)
        {
            var n = errors.Count;
            throw new AwsErrorException("ValidationError", $"{n} validation error{(n == 1 ? "" : "s")} detected: {string.Join("; ", errors)}");
        }
        return duration;
    }

    private static void Length(List<string> errors, string member, string? value, int min, int max, bool required)
    {
        if (value is null)
        {
            if (required) errors.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
            return;
        }
        if (value.Length < min)
            errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        else if (value.Length > max)
            errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}");
    }

    /// <summary>Opaque and long, like a real session token (which is an encrypted blob); its value only has to be unguessable.</summary>
    private static string NewSessionToken() => "IQoJb3JpZ2luX2VjE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(300));

    [GeneratedRegex(@"^[\w+=,.@-]*$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex(@"^PolicyArns\.member\.\d+\.arn$")]
    private static partial Regex PolicyArnPattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::(?<account>\d{12}):role/(?<path>.+)$")]
    private static partial Regex RoleArnPattern();
}
