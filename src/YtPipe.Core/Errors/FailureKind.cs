namespace YtPipe.Core.Errors;

/// <summary>Coarse failure classes; the PowerShell layer maps them to ErrorCategory.</summary>
public enum FailureKind
{
    NotFound,
    InvalidData,
    NotInstalled,
    InvalidArgument,
    ResourceExists,
    WriteError,
    OperationStopped,
    ConnectionError,
    PermissionDenied,
}
