using System;
using System.Text;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Providers;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Sts
{
    /// <summary>
    /// Turns STS's bare "Not authorized to perform sts:AssumeRoleWithWebIdentity" into what to change: the
    /// token's iss, aud and sub, and the condition that would admit exactly this job (Semaphore's AWS page).
    /// </summary>
    public static class AccessDeniedExplanation
    {
        public static string Build(RoleArn role, SemaphoreToken token, string awsMessage, string requestId)
        {
            string issuer = token.Issuer ?? "(no iss claim)";
            string host = IssuerUrl.HostAndPathOf(token.Issuer);
            var text = new StringBuilder();
            text.Append("STS refused to let this job assume ").Append(role.Value)
                .Append(": the role's trust policy does not admit this token.").AppendLine();
            text.Append("  iss: ").AppendLine(issuer);
            text.Append("  aud: ").AppendLine(token.Audience ?? "(no aud claim)");
            text.Append("  sub: ").AppendLine(token.Subject ?? "(no sub claim: the organisation has switched it off)");

            if (host != null)
            {
                text.Append("A statement admits it with Principal {\"Federated\": \"arn:").Append(role.Partition).Append(":iam::")
                    .Append(role.AccountId).Append(":oidc-provider/").Append(host).Append("\"}, Action \"sts:AssumeRoleWithWebIdentity\"")
                    .Append(token.HasSessionTags ? " and \"sts:TagSession\" (the token carries session tags)" : string.Empty)
                    .AppendLine(" and:");
                text.Append("  \"Condition\": {\"StringEquals\": {\"").Append(host).Append(":aud\": \"").Append(Escape(token.Audience ?? issuer)).Append('"');
                if (token.Subject != null)
                {
                    text.Append(", \"").Append(host).Append(":sub\": \"").Append(Escape(token.Subject)).Append('"');
                }

                text.AppendLine("}}");
            }

            text.Append("Check a policy with Test-SemaphoreTrustPolicy, or build one with New-SemaphoreTrustPolicy.");
            text.Append(" (AWS: ").Append(awsMessage);
            if (!string.IsNullOrEmpty(requestId)) text.Append("; request id ").Append(requestId);
            text.Append(')');
            return text.ToString();
        }

        private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
    }
}
