namespace SemaphoreOidc.Policies
{
    public enum PolicyEffect
    {
        Allow,
        Deny,
    }
}
