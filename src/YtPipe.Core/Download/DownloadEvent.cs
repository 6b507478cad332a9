using YtPipe.Core.Batch;

namespace YtPipe.Core.Download;

/// <summary>Something a download batch tells its host, posted from its own threads and read on the host's thread.</summary>
public abstract record DownloadEvent;

/// <summary>An item's download starts (yt-dlp is started for it).</summary>
/// <param name="Number">1 for the first item this batch downloads, and so on.</param>
/// <param name="Source">The source it was listed from.</param>
/// <param name="Url">The item's URL.</param>
/// <param name="Title">Its title, when the listing had one.</param>
public sealed record DownloadItemStartedEvent(int Number, string Source, string Url, string? Title) : DownloadEvent;

/// <summary>An item landed: files in place, manifest row and archive line written. Ready for transcription.</summary>
public sealed record DownloadItemLandedEvent(DownloadedItem Item) : DownloadEvent;

/// <summary>An item was not downloaded because an earlier run (or this one) already did.</summary>
/// <param name="Source">The source it was listed from.</param>
/// <param name="Url">The item's URL.</param>
/// <param name="ArchiveKey">The archive line that matched, when the archive decided.</param>
/// <param name="Existing">Its manifest row, when the manifest has one: the audio a pipeline can still transcribe.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record DownloadItemSkippedEvent(string Source, string Url, string? ArchiveKey, DownloadedItem? Existing, string Reason) : DownloadEvent;

/// <summary>A source or an item failed; the batch goes on with the others.</summary>
public sealed record DownloadFailedEvent(DownloadFailure Failure) : DownloadEvent;

/// <summary>A line for the log: verbose detail (yt-dlp's own warnings among them) or a warning the user should see.</summary>
public sealed record DownloadMessageEvent(BatchMessageLevel Level, string Text) : DownloadEvent;
