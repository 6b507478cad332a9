namespace YtPipe.Core.Errors;

/// <summary>A transcript folder cannot be created or written; found before the file is transcribed.</summary>
public sealed class OutputFolderNotWritableException(string folder, string reason, Exception? inner = null)
    : YtPipeException($"The output folder '{folder}' cannot be written: {reason}", folder, inner)
{
    public override string ErrorId => ErrorIds.OutputFolderNotWritable;
    public override FailureKind Kind => FailureKind.PermissionDenied;
}
