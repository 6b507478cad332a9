namespace YtPipe.Core.Errors;

/// <summary>No model file at the place the name or path leads to.</summary>
public sealed class ModelNotFoundException(string message, string target)
    : YtPipeException(message, target)
{
    public override string ErrorId => ErrorIds.ModelNotFound;
    public override FailureKind Kind => FailureKind.NotFound;
}
