namespace YtPipe.Core.Errors;

/// <summary>An option value the engine cannot use.</summary>
public sealed class InvalidOptionException(string message, string? target = null)
    : YtPipeException(message, target)
{
    public override string ErrorId => ErrorIds.InvalidOption;
    public override FailureKind Kind => FailureKind.InvalidArgument;
}
