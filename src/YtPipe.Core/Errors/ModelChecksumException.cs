namespace YtPipe.Core.Errors;

/// <summary>A downloaded model is not the published file; it was deleted.</summary>
public sealed class ModelChecksumException(string name, string expected, string actual)
    : YtPipeException($"The download of '{name}' has SHA-1 {actual}, but the catalog says {expected}; the file was deleted.", name)
{
    public override string ErrorId => ErrorIds.ModelChecksumMismatch;
    public override FailureKind Kind => FailureKind.InvalidData;
}
