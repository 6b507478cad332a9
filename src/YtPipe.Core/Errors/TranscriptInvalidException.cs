namespace YtPipe.Core.Errors;

/// <summary>A file read back as a transcript is not a YtPipe (or seed tool) JSON transcript.</summary>
public sealed class TranscriptInvalidException(string path, string reason, Exception? inner = null)
    : YtPipeException($"'{path}' is not a YtPipe JSON transcript: {reason}", path, inner)
{
    public override string ErrorId => ErrorIds.TranscriptInvalid;
    public override FailureKind Kind => FailureKind.InvalidData;
}
