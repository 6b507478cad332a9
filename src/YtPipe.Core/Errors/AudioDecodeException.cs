namespace YtPipe.Core.Errors;

/// <summary>ffmpeg could not decode the file: empty, not audio, corrupt or truncated.</summary>
public sealed class AudioDecodeException(string path, string reason, Exception? inner = null)
    : YtPipeException($"Cannot decode '{path}': {reason}", path, inner)
{
    public override string ErrorId => ErrorIds.AudioDecodeFailed;
    public override FailureKind Kind => FailureKind.InvalidData;
}
