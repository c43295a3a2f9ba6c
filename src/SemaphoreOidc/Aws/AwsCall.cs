namespace SemaphoreOidc.Aws
{
    /// <summary>What is being called, for the retry engine's decisions and its progress messages; never how to retry.</summary>
    internal sealed class AwsCall
    {
        public AwsCall(string service, string action, string endpoint, bool repeatable = true, string detail = null)
        {
            Service = service;
            Action = action;
            Endpoint = endpoint;
            Repeatable = repeatable;
            Detail = detail;
        }

        /// <summary>STS or IAM, as the messages name it.</summary>
        public string Service { get; }

        public string Action { get; }

        /// <summary>The printable endpoint (<see cref="AwsEndpointName"/>).</summary>
        public string Endpoint { get; }

        /// <summary>
        /// False for a write that must not be sent again blindly after a ConcurrentModification (CreateRole,
        /// UpdateAssumeRolePolicy): its caller re-reads and decides.
        /// </summary>
        public bool Repeatable { get; }

        /// <summary>Extra words for the progress message (never a secret).</summary>
        public string Detail { get; }
    }
}
