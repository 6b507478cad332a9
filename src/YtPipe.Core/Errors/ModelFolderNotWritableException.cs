namespace YtPipe.Core.Errors;

/// <summary>The model folder cannot be created or written.</summary>
public sealed class ModelFolderNotWritableException(string folder, Exception inner)
    : YtPipeException($"The model folder '{folder}' cannot be written: {inner.Message}", folder, inner)
{
    public override string ErrorId => ErrorIds.ModelFolderNotWritable;
    public override FailureKind Kind => FailureKind.PermissionDenied;
}
