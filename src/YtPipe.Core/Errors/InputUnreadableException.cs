namespace YtPipe.Core.Errors;

/// <summary>An input exists but cannot be read (permissions, a locked file).</summary>
public sealed class InputUnreadableException(string path, Exception inner)
    : YtPipeException($"Cannot read '{path}': {inner.Message}", path, inner)
{
    public override string ErrorId => ErrorIds.InputUnreadable;
    public override FailureKind Kind => FailureKind.InvalidData;
}
