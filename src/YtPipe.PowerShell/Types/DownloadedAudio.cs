namespace YtPipe.PowerShell;

/// <summary>
/// One item Save-YtAudio downloaded, emitted the moment it lands. Its AudioPath binds to
/// Invoke-YtTranscription's -LiteralPath, so the two commands pipe into each other. Defined here,
/// not in the engine, because the engine lives in a private load context that script type
/// literals cannot see: <c>[YtPipe.PowerShell.DownloadedAudio]</c> works.
/// </summary>
public sealed class DownloadedAudio
{
    /// <summary>The id yt-dlp gave the item: a YouTube video id, a feed item's guid, a plain URL's base name.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>Who uploaded it (the channel, for YouTube).</summary>
    public string? Uploader { get; init; }

    /// <summary>The item's page (for a feed item or a plain media URL, the media URL).</summary>
    public string? WebpageUrl { get; init; }

    /// <summary>Its length, when the site says it (plain media URLs and feeds often do not).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The upload date, when known.</summary>
    public DateTime? UploadDate { get; init; }

    /// <summary>The audio file, under the output folder's audio/ folder.</summary>
    public string AudioPath { get; init; } = string.Empty;

    /// <summary>The .info.json that yt-dlp wrote beside the audio file.</summary>
    public string InfoJson { get; init; } = string.Empty;

    /// <summary>The source URL the item was listed from (the video, playlist, channel or feed).</summary>
    public string Source { get; init; } = string.Empty;
}
