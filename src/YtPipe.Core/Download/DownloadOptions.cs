namespace YtPipe.Core.Download;

/// <summary>What a <see cref="DownloadBatch"/> does; immutable, built once by the host.</summary>
public sealed record DownloadOptions
{
    /// <summary>The output folder (a full path): audio/ and manifest.jsonl and downloaded.txt go here.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Stop once this many items have landed, counted across all sources. Null: no limit.</summary>
    public int? MaxItems { get; init; }

    /// <summary>
    /// Convert the audio to this format (yt-dlp's <c>-x --audio-format</c>: aac, alac, flac, m4a, mp3,
    /// opus, vorbis, wav). Null keeps the best audio in its own codec, without re-encoding.
    /// </summary>
    public string? AudioFormat { get; init; }

    /// <summary>Read and write the download archive (downloaded.txt), so items that landed before are skipped.</summary>
    public bool UseArchive { get; init; } = true;

    /// <summary>ffmpeg's folder or executable, passed to yt-dlp as <c>--ffmpeg-location</c>.</summary>
    public string? FfmpegLocation { get; init; }

    /// <summary>yt-dlp's <c>--cookies-from-browser</c> value (BROWSER[+KEYRING][:PROFILE][::CONTAINER]).</summary>
    public string? CookiesFromBrowser { get; init; }

    /// <summary>A Netscape cookies.txt file, passed as <c>--cookies</c> (full path).</summary>
    public string? CookieFile { get; init; }

    /// <summary>Seconds to sleep before each download (<c>--sleep-interval</c>).</summary>
    public double? SleepInterval { get; init; }

    /// <summary>Upper bound of a random sleep before each download (<c>--max-sleep-interval</c>).</summary>
    public double? MaxSleepInterval { get; init; }

    /// <summary>Seconds to sleep between requests while listing and extracting (<c>--sleep-requests</c>).</summary>
    public double? SleepRequests { get; init; }

    /// <summary>Maximum download rate, such as 2M or 500K (<c>--limit-rate</c>).</summary>
    public string? LimitRate { get; init; }

    /// <summary>More yt-dlp arguments, appended to every call after YtPipe's own (see <see cref="YtDlpArguments.CheckExtra"/>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>The working directory of yt-dlp, so relative paths in <see cref="ExtraArguments"/> mean what the user meant.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where the audio files and their .info.json land.</summary>
    public string AudioDirectory => Path.Combine(OutputDirectory, "audio");

    /// <summary>One JSON row per landed item.</summary>
    public string ManifestPath => Path.Combine(OutputDirectory, "manifest.jsonl");

    /// <summary>The download archive: one <c>extractor id</c> line per landed item.</summary>
    public string ArchivePath => Path.Combine(OutputDirectory, "downloaded.txt");
}
