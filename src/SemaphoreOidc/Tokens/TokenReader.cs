using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SemaphoreOidc.Errors;

namespace SemaphoreOidc.Tokens
{
    /// <summary>
    /// Decodes a Semaphore OIDC token WITHOUT checking its signature (use <see cref="TokenVerifier"/> for that).
    /// Error messages describe which part is wrong and never repeat the token, which is a bearer secret.
    /// </summary>
    public static class TokenReader
    {
        /// <summary>The variable Semaphore sets in every job of an organisation that has OIDC tokens enabled.</summary>
        public const string EnvironmentVariable = "SEMAPHORE_OIDC_TOKEN";

        // What the cmdlet shows as the error target instead of the secret value.
        private const string SafeTarget = EnvironmentVariable;

        /// <summary>Reads and decodes <c>SEMAPHORE_OIDC_TOKEN</c>.</summary>
        public static SemaphoreToken FromEnvironment() => Read(Environment.GetEnvironmentVariable(EnvironmentVariable));

        /// <summary>Decodes a compact JWS (<c>header.payload.signature</c>).</summary>
        public static SemaphoreToken Read(string token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                throw new SemaphoreOidcException(TokenErrorIds.TokenMissing, ErrorKind.InvalidArgument,
                    "No Semaphore OIDC token was given. Semaphore injects SEMAPHORE_OIDC_TOKEN into every job of an " +
                    "organisation that has OIDC tokens enabled: run inside a Semaphore job, or pass the token explicitly.",
                    SafeTarget);
            }

            token = token.Trim();
            string[] parts = token.Split('.');
            if (parts.Length == 5)
            {
                throw Malformed("it has five dot-separated parts, which is an encrypted JWT (JWE); Semaphore issues signed JWTs with three parts (header.payload.signature).");
            }
            if (parts.Length != 3)
            {
                throw Malformed($"it has {parts.Length} dot-separated part(s), not three (header.payload.signature). Check that the whole value was copied.");
            }

            Dictionary<string, object> header = DecodeJsonPart(parts[0], "header");
            Dictionary<string, object> claims = DecodeJsonPart(parts[1], "payload");
            // An empty signature is how an unsecured JWT (alg "none", RFC 7519 section 6) looks. Decoding it is
            // fine; TokenVerifier refuses it with TokenAlgorithmNotAllowed, which says more than "malformed".
            if (!IsBase64Url(parts[2]))
            {
                throw Malformed("its signature part (the third) is not base64url text.");
            }

            DateTime? issuedAt = ReadTime(claims, "iat");
            DateTime? notBefore = ReadTime(claims, "nbf");
            DateTime? expiresAt = ReadTime(claims, "exp");

            // The library parse is the reference decoder (the verifier hands it the same string); a disagreement
            // with the checks above is still reported as malformed, without passing its message through,
            // because IdentityModel messages can quote the token.
            JsonWebToken jwt;
            try
            {
                jwt = new JsonWebToken(token);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is SecurityTokenException || ex is JsonException)
            {
                throw Malformed("it could not be read as a JSON Web Token.");
            }

            string alg = ClaimValues.AsString(header, "alg");
            if (string.IsNullOrEmpty(alg))
            {
                throw Malformed("its header has no 'alg' (signing algorithm).");
            }

            return new SemaphoreToken(token, jwt.Alg, ClaimValues.AsString(header, "kid"), claims, issuedAt, notBefore, expiresAt);
        }

        private static Dictionary<string, object> DecodeJsonPart(string part, string name)
        {
            if (part.Length == 0 || !IsBase64Url(part))
            {
                throw Malformed($"its {name} part is empty or not base64url text.");
            }

            byte[] bytes;
            try
            {
                bytes = Base64UrlEncoder.DecodeBytes(part);
            }
            catch (FormatException)
            {
                throw Malformed($"its {name} part is not valid base64url.");
            }

            try
            {
                using (JsonDocument doc = JsonDocument.Parse(bytes))
                {
                    if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw Malformed($"its {name} is JSON but not a JSON object.");
                    }
                    return ClaimValues.ToDictionary(doc.RootElement);
                }
            }
            catch (JsonException)
            {
                throw Malformed($"its {name} does not decode to valid JSON.");
            }
        }

        private static DateTime? ReadTime(IReadOnlyDictionary<string, object> claims, string name)
        {
            if (!ClaimValues.TryGetTime(claims, name, out DateTime? time))
            {
                throw Malformed($"its '{name}' claim is not a number of seconds since 1970 (RFC 7519 NumericDate).");
            }
            return time;
        }

        private static bool IsBase64Url(string s)
        {
            foreach (char c in s)
            {
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) return false;
            }
            // A length of 1 modulo 4 cannot come from any byte sequence.
            return s.Length % 4 != 1;
        }

        private static SemaphoreOidcException Malformed(string why) =>
            new SemaphoreOidcException(TokenErrorIds.TokenMalformed, ErrorKind.InvalidData,
                "The Semaphore OIDC token is malformed: " + why, SafeTarget);
    }
}
