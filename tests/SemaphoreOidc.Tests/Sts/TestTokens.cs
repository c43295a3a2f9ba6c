using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SemaphoreOidc.Tests.Sts
{
    /// <summary>Real RS256 JWTs with Semaphore's claim shape, for checks that need no issuer to answer.</summary>
    internal static class TestTokens
    {
        private static readonly RsaSecurityKey Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" };

        public const string Subject = "org:my-org:project:936a5312-a3b8-4921-8b3f-2cec8baac574:repo:web:ref_type:branch:ref:refs/heads/main";

        public static string Create(DateTime? expires = null, IDictionary<string, object> claims = null)
        {
            var now = DateTime.UtcNow;
            var exp = expires ?? now.AddHours(1);
            var all = new Dictionary<string, object>
            {
                ["iss"] = "https://my-org.semaphoreci.com",
                ["aud"] = "https://my-org.semaphoreci.com",
                ["sub"] = Subject,
                ["org"] = "my-org",
                ["prj_id"] = "936a5312-a3b8-4921-8b3f-2cec8baac574",
                ["repo"] = "web",
                ["ref_type"] = "branch",
                ["ref"] = "refs/heads/main",
                ["branch"] = "main",
                ["job_id"] = "0b2b3c4d-job",
            };
            if (claims != null)
            {
                foreach (var pair in claims)
                {
                    if (pair.Value == null) all.Remove(pair.Key);
                    else all[pair.Key] = pair.Value;
                }
            }

            var descriptor = new SecurityTokenDescriptor
            {
                Claims = all,
                IssuedAt = exp.AddHours(-24) < now ? exp.AddHours(-2) : now,
                NotBefore = exp.AddHours(-2),
                Expires = exp,
                SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
            };
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        }
    }
}
