namespace YtPipe.Core.Errors;

/// <summary><c>auto/N</c> was asked for, but neither scheduler variable that carries the index is set (or it is not a number).</summary>
public sealed class ShardIndexMissingException(string message, string? target = null)
    : YtPipeException(message, target)
{
    public override string ErrorId => ErrorIds.ShardIndexMissing;
    public override FailureKind Kind => FailureKind.InvalidArgument;
}
