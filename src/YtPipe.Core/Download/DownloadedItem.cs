namespace YtPipe.Core.Download;

/// <summary>
/// An item that landed: its files are in place under audio/, its manifest row is written and (with
/// the archive on) its archive line. Filled from the item's .info.json, never guessed from names.
/// </summary>
public sealed record DownloadedItem
{
    /// <summary>The id yt-dlp gave it (a YouTube video id; a feed item's guid; a plain URL's base name).</summary>
    public required string Id { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>Who uploaded it (the channel, for YouTube).</summary>
    public string? Uploader { get; init; }

    /// <summary>The page of the item (for a feed item or plain URL, the media URL).</summary>
    public string? WebpageUrl { get; init; }

    /// <summary>Length in seconds, when the site says it (yt-dlp's generic extractor does not).</summary>
    public double? Duration { get; init; }

    /// <summary>Upload date as yt-dlp writes it: YYYYMMDD.</summary>
    public string? UploadDate { get; init; }

    /// <summary>The audio file (full path).</summary>
    public required string AudioPath { get; init; }

    /// <summary>The .info.json beside it (full path).</summary>
    public required string InfoJsonPath { get; init; }

    /// <summary>The source URL it was listed from (the video, playlist, channel or feed).</summary>
    public required string Source { get; init; }

    /// <summary>yt-dlp's extractor (Youtube, Generic, ...); not in the manifest.</summary>
    public string? Extractor { get; init; }

    /// <summary>Its line in the archive; not in the manifest.</summary>
    public string? ArchiveKey { get; init; }

    /// <summary>The file name under audio/ without the extension: the item's identity on disk.</summary>
    public string FileStem
    {
        get
        {
            // Either separator: a manifest written on Windows is read on Linux too.
            var name = AudioPath[(AudioPath.LastIndexOfAny(['/', '\\']) + 1)..];
            var dot = name.LastIndexOf('.');
            return dot > 0 ? name[..dot] : name;
        }
    }
}
