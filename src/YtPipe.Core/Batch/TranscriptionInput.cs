namespace YtPipe.Core.Batch;

/// <summary>One file to transcribe.</summary>
/// <param name="FilePath">Full path of the media file.</param>
/// <param name="Root">The folder the user named when the file was found by searching it; its
/// sub-folders are kept under the output folder. Null for a file named directly.</param>
/// <param name="Source">Where the file came from; null reads yt-dlp's NAME.info.json beside it, if any.</param>
public sealed record TranscriptionInput(string FilePath, string? Root = null, Transcription.SourceInfo? Source = null);
