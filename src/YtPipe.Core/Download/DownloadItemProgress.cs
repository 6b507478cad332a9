namespace YtPipe.Core.Download;

/// <summary>The item in work, from yt-dlp's progress lines.</summary>
public sealed record DownloadItemProgress
{
    /// <summary>1 for the first item this batch downloads, and so on.</summary>
    public int Number { get; init; }

    /// <summary>The item's URL.</summary>
    public required string Url { get; init; }

    /// <summary>Its title, once known.</summary>
    public string? Title { get; init; }

    /// <summary>Bytes received.</summary>
    public long DownloadedBytes { get; init; }

    /// <summary>The size, known or estimated.</summary>
    public long? TotalBytes { get; init; }

    /// <summary>Bytes per second.</summary>
    public double? Speed { get; init; }

    /// <summary>Time left, by yt-dlp's estimate.</summary>
    public TimeSpan? Eta { get; init; }

    /// <summary>What yt-dlp is doing: extracting, downloading, converting.</summary>
    public string Stage { get; init; } = "extracting";

    /// <summary>Fraction received, 0..1.</summary>
    public double Fraction => TotalBytes is > 0 ? Math.Clamp(DownloadedBytes / (double)TotalBytes.Value, 0, 1) : 0;
}
