namespace YtPipe.Core.Errors;

/// <summary>An input path does not exist.</summary>
public sealed class InputNotFoundException(string path)
    : YtPipeException($"Cannot find the input '{path}'.", path)
{
    public override string ErrorId => ErrorIds.InputNotFound;
    public override FailureKind Kind => FailureKind.NotFound;
}
