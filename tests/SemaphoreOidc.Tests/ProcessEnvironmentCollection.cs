using Xunit;

namespace SemaphoreOidc.Tests
{
    /// <summary>Tests that change process-wide environment variables share this collection, so they never run at once.</summary>
    [CollectionDefinition("ProcessEnvironment", DisableParallelization = true)]
    public class ProcessEnvironmentCollection
    {
    }
}
