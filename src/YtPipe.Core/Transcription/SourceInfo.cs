namespace YtPipe.Core.Transcription;

/// <summary>Where a downloaded file came from, as yt-dlp's info JSON says.</summary>
/// <param name="Id">The video id.</param>
/// <param name="WebpageUrl">The page the audio was downloaded from.</param>
/// <param name="Title">The title.</param>
/// <param name="Uploader">Who uploaded it.</param>
/// <param name="UploadDate">The upload date as yt-dlp writes it (YYYYMMDD).</param>
public sealed record SourceInfo(string? Id, string? WebpageUrl, string? Title, string? Uploader, string? UploadDate);
