namespace SemaphoreOidc.Errors
{
    /// <summary>
    /// What kind of failure an engine error is. The names match PowerShell's ErrorCategory members so the
    /// cmdlet layer can map them by name without the engine referencing System.Management.Automation.
    /// </summary>
    public enum ErrorKind
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        AuthenticationError,
        PermissionDenied,
        ObjectNotFound,
        ResourceExists,
        ResourceUnavailable,
        ConnectionError,
        OperationTimeout,
        OperationStopped,
        LimitsExceeded,
        WriteError,
        ReadError,
        SecurityError,
        ProtocolError,
        QuotaExceeded,
    }
}
