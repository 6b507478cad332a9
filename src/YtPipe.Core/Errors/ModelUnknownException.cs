namespace YtPipe.Core.Errors;

/// <summary>A model name that is neither installed nor in the catalog.</summary>
public sealed class ModelUnknownException(string name, string message)
    : YtPipeException(message, name)
{
    public override string ErrorId => ErrorIds.ModelUnknown;
    public override FailureKind Kind => FailureKind.NotFound;
}
