using System.Text.Json;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Reads yt-dlp's <c>NAME.info.json</c> beside a downloaded file, so transcripts carry the real
/// source URL, title, uploader and date (the seed guessed its source_url from the file name).
/// </summary>
public static class SourceInfoReader
{
    /// <summary>The info JSON path yt-dlp writes for <paramref name="audioPath"/>.</summary>
    public static string InfoJsonPath(string audioPath) =>
        Path.Combine(Path.GetDirectoryName(audioPath) ?? string.Empty, Path.GetFileNameWithoutExtension(audioPath) + ".info.json");

    /// <summary>The source of <paramref name="audioPath"/>, or null when there is no readable info JSON beside it.</summary>
    public static SourceInfo? TryRead(string audioPath) => TryReadFile(InfoJsonPath(audioPath));

    /// <summary>Reads an info JSON file; null when it is missing or not JSON.</summary>
    public static SourceInfo? TryReadFile(string infoJsonPath)
    {
        try
        {
            if (!File.Exists(infoJsonPath))
            {
                return null;
            }
            using var stream = File.OpenRead(infoJsonPath);
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null : new SourceInfo(
                Text(root, "id"), CleanUrl(Text(root, "webpage_url") ?? Text(root, "original_url")), Text(root, "title"), Text(root, "uploader"), Text(root, "upload_date"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    // Feed items carry yt-dlp's "#__youtubedl_smuggle=..." fragment in their URL: not part of the address.
    private static string? CleanUrl(string? url) => url is null ? null : Download.DownloadNaming.CleanUrl(url);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
