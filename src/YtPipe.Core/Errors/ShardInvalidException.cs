namespace YtPipe.Core.Errors;

/// <summary>A shard specification that is not <c>K/N</c> or <c>auto/N</c> with 0 ≤ K &lt; N.</summary>
public sealed class ShardInvalidException(string message, string? target = null)
    : YtPipeException(message, target)
{
    public override string ErrorId => ErrorIds.ShardInvalid;
    public override FailureKind Kind => FailureKind.InvalidArgument;
}
