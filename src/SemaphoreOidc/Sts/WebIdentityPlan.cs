using System.Collections.Generic;
using SemaphoreOidc.Aws;
using SemaphoreOidc.Tokens;

namespace SemaphoreOidc.Sts
{
    /// <summary>A checked web-identity set-up: every input valid, every default resolved, nothing written yet.</summary>
    public sealed class WebIdentityPlan
    {
        internal WebIdentityPlan(RoleArn roleArn, SemaphoreToken token, string sessionName, bool sessionNameChanged, string region,
            string tokenFilePath, IReadOnlyList<KeyValuePair<string, string>> variables, IReadOnlyList<string> variablesToClear)
        {
            RoleArn = roleArn;
            Token = token;
            SessionName = sessionName;
            SessionNameChanged = sessionNameChanged;
            Region = region;
            TokenFilePath = tokenFilePath;
            Variables = variables;
            VariablesToClear = variablesToClear;
        }

        public RoleArn RoleArn { get; }

        /// <summary>The decoded token; its raw value (a secret) is what goes into the file.</summary>
        public SemaphoreToken Token { get; }

        public string SessionName { get; }

        /// <summary>True when the requested session name had to be changed to meet STS's rules.</summary>
        public bool SessionNameChanged { get; }

        /// <summary>Null when no region was asked for.</summary>
        public string Region { get; }

        /// <summary>The absolute path the token file goes to (AWS_WEB_IDENTITY_TOKEN_FILE).</summary>
        public string TokenFilePath { get; }

        /// <summary>The variables to set, in order.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Variables { get; }

        /// <summary>The variables to remove first: static keys would win over web identity in every SDK.</summary>
        public IReadOnlyList<string> VariablesToClear { get; }
    }
}
