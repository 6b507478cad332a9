using System.Text.Json;
using YtPipe.Core.Download;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Reads yt-dlp's <c>NAME.info.json</c> beside a downloaded file, so transcripts carry the real
/// source URL, title, uploader and date (the seed guessed its source_url from the file name).
/// The parsing is <see cref="InfoJson"/>'s, the same the downloader uses.
/// </summary>
internal static class SourceInfoReader
{
    /// <summary>The info JSON path yt-dlp writes for <paramref name="audioPath"/>.</summary>
    public static string InfoJsonPath(string audioPath) =>
        Path.Combine(Path.GetDirectoryName(audioPath) ?? string.Empty, Path.GetFileNameWithoutExtension(audioPath) + ".info.json");

    /// <summary>The source of <paramref name="audioPath"/>, or null when there is no readable info JSON beside it.</summary>
    public static SourceInfo? TryRead(string audioPath) => TryReadFile(InfoJsonPath(audioPath));

    /// <summary>Reads an info JSON file; null when it is missing or not an info JSON.</summary>
    public static SourceInfo? TryReadFile(string infoJsonPath)
    {
        if (!File.Exists(infoJsonPath))
        {
            return null;
        }
        try
        {
            var info = InfoJson.Read(infoJsonPath);
            return new SourceInfo(info.Id, info.WebpageUrl, info.Title, info.Uploader, info.UploadDate);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
