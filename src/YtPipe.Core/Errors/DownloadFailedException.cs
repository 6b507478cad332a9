namespace YtPipe.Core.Errors;

/// <summary>
/// One item of a source could not be downloaded (gone, private, not media, the connection cut mid-file,
/// or the file could not be moved into place). The batch goes on with the others.
/// </summary>
public sealed class DownloadFailedException(string url, string reason, FailureKind kind = FailureKind.InvalidData, Exception? inner = null)
    : YtPipeException($"Cannot download '{url}': {reason}", url, inner)
{
    public override string ErrorId => ErrorIds.DownloadFailed;
    public override FailureKind Kind => kind;

    /// <summary>What went wrong, without the URL.</summary>
    public string Reason { get; } = reason;
}
