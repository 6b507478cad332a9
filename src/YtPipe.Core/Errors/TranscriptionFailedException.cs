namespace YtPipe.Core.Errors;

/// <summary>whisper.cpp failed while transcribing one file.</summary>
public sealed class TranscriptionFailedException(string path, string reason, Exception? inner = null)
    : YtPipeException($"Transcription of '{path}' failed: {reason}", path, inner)
{
    public override string ErrorId => ErrorIds.TranscriptionFailed;
    public override FailureKind Kind => FailureKind.InvalidData;
}
