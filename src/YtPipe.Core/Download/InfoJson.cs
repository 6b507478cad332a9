using System.Text.Json;

namespace YtPipe.Core.Download;

/// <summary>The fields YtPipe reads from an item's .info.json, the record yt-dlp wrote of it.</summary>
internal sealed record InfoJson
{
    /// <summary>yt-dlp's id.</summary>
    public required string Id { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>The uploader, or else the channel.</summary>
    public string? Uploader { get; init; }

    /// <summary>The item's page, without yt-dlp's smuggled fragment.</summary>
    public string? WebpageUrl { get; init; }

    /// <summary>Seconds, when known.</summary>
    public double? Duration { get; init; }

    /// <summary>YYYYMMDD, when known.</summary>
    public string? UploadDate { get; init; }

    /// <summary>The extractor's key (Youtube, Generic, ...).</summary>
    public string? ExtractorKey { get; init; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="IOException">It cannot be read.</exception>
    /// <exception cref="JsonException">It is not a JSON object with an id.</exception>
    public static InfoJson Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var r = doc.RootElement;
        if (r.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the info JSON is not an object");
        }
        var id = YtDlpLineParser.Str(r, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new JsonException("the info JSON has no id");
        }
        var upload = YtDlpLineParser.Str(r, "upload_date");
        return new InfoJson
        {
            Id = id,
            Title = YtDlpLineParser.Str(r, "title"),
            Uploader = YtDlpLineParser.Str(r, "uploader") ?? YtDlpLineParser.Str(r, "channel"),
            WebpageUrl = YtDlpLineParser.Str(r, "webpage_url") is { } url ? DownloadNaming.CleanUrl(url) : null,
            Duration = YtDlpLineParser.Dbl(r, "duration"),
            UploadDate = upload is { Length: 8 } && upload.All(char.IsAsciiDigit) ? upload : null,
            ExtractorKey = YtDlpLineParser.Str(r, "extractor_key"),
        };
    }
}
