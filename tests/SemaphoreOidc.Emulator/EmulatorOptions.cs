namespace SemaphoreOidc.Emulator;

/// <summary>How to start an <see cref="EmulatorServer"/>.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The AWS account every ARN the emulator makes belongs to.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>Where the CA PEM files go; default is a fresh temporary directory (deleted on dispose).</summary>
    public string? StateDirectory { get; set; }
}
