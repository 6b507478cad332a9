namespace YtPipe.Core.Download;

/// <summary>One line yt-dlp wrote during a download call, understood.</summary>
internal abstract record YtDlpLine;

/// <summary>Progress of the file in work, from <c>--progress-template</c>.</summary>
/// <param name="Status">downloading, finished or error.</param>
/// <param name="DownloadedBytes">Bytes received so far.</param>
/// <param name="TotalBytes">The size, when the server says it.</param>
/// <param name="TotalBytesEstimate">An estimate of the size (fragmented formats).</param>
/// <param name="Speed">Bytes per second.</param>
/// <param name="Eta">Seconds left.</param>
internal sealed record YtDlpProgressLine(string? Status, long? DownloadedBytes, long? TotalBytes, long? TotalBytesEstimate, double? Speed, double? Eta) : YtDlpLine
{
    /// <summary>The size, known or estimated.</summary>
    public long? Size => TotalBytes ?? TotalBytesEstimate;
}

/// <summary>An item was extracted and is about to be downloaded.</summary>
internal sealed record YtDlpItemLine(string? Id, string? Title, string? WebpageUrl, string? ExtractorKey) : YtDlpLine;

/// <summary>A file is finished, converted and in place (in the staging folder).</summary>
internal sealed record YtDlpLandedLine(string FilePath) : YtDlpLine;

/// <summary>A <c>WARNING:</c> line, prefix removed.</summary>
internal sealed record YtDlpWarningLine(string Text) : YtDlpLine;

/// <summary>An <c>ERROR:</c> line, prefix and yt-dlp's bug-report boilerplate removed.</summary>
internal sealed record YtDlpErrorLine(string Text) : YtDlpLine;

/// <summary>Anything else (a traceback, a message of a post-processor).</summary>
internal sealed record YtDlpOtherLine(string Text) : YtDlpLine;
