namespace YtPipe.Core.Errors;

/// <summary>A transcript could not be written (permissions, disk full).</summary>
public sealed class OutputWriteException(string path, Exception inner)
    : YtPipeException($"Cannot write '{path}': {inner.Message}", path, inner)
{
    public override string ErrorId => ErrorIds.OutputWriteFailed;
    public override FailureKind Kind => FailureKind.WriteError;
}
