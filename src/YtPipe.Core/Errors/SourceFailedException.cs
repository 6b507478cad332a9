namespace YtPipe.Core.Errors;

/// <summary>
/// A source (a video, playlist, channel or feed URL) could not be read at all: gone, not a page yt-dlp
/// understands, not media, or the network failed while its items were listed. Other sources go on.
/// </summary>
public sealed class SourceFailedException(string source, string reason, FailureKind kind = FailureKind.InvalidData, Exception? inner = null)
    : YtPipeException($"Cannot read the source '{source}': {reason}", source, inner)
{
    public override string ErrorId => ErrorIds.SourceFailed;
    public override FailureKind Kind => kind;

    /// <summary>What went wrong, without the URL.</summary>
    public string Reason { get; } = reason;
}
