using System.Text.Json;

namespace YtPipe.Core.Download;

/// <summary>
/// One item a source listed: the JSON line yt-dlp printed for it (an unresolved playlist or feed
/// entry, or a fully extracted single video), which the download call loads back with
/// <c>--load-info-json</c> so that nothing is extracted twice and a feed's titles are kept.
/// </summary>
internal sealed record DownloadEntry
{
    /// <summary>The source it was listed from.</summary>
    public required string Source { get; init; }

    /// <summary>The JSON line, as printed.</summary>
    public required string Json { get; init; }

    /// <summary>yt-dlp's _type: url, url_transparent, video, playlist; null for a video.</summary>
    public string? Type { get; init; }

    /// <summary>The id, when known before extraction (YouTube playlist entries have it; feed entries do not).</summary>
    public string? Id { get; init; }

    /// <summary>The extractor that will handle it (ie_key), or that did (extractor_key); null when unknown.</summary>
    public string? ExtractorKey { get; init; }

    /// <summary>The title, when known.</summary>
    public string? Title { get; init; }

    /// <summary>The URL that stands for the item (without yt-dlp's smuggled fragment).</summary>
    public required string Url { get; init; }

    /// <summary>Whether it is an unresolved reference (a playlist's entry) rather than an extracted video.</summary>
    public bool IsReference => Type is "url" or "url_transparent";

    /// <summary>
    /// Whether it is a nested playlist to list in turn: a YouTube channel lists its tabs (Videos,
    /// Shorts, Live) and a channel's Playlists tab lists playlists, all handled by YoutubeTab.
    /// </summary>
    public bool IsNestedPlaylist => IsReference && (ExtractorKey is "YoutubeTab" or "YoutubePlaylist" || Type == "playlist");

    /// <summary>The identity the archive is checked against before anything is downloaded.</summary>
    public ItemIdentity Identity =>
        !DownloadNaming.IsGeneric(ExtractorKey) && !string.IsNullOrWhiteSpace(Id)
            ? DownloadNaming.ForExtractor(ExtractorKey!, Id!)
            : DownloadNaming.ForGenericUrl(Url);

    /// <summary>Reads one line of <c>yt-dlp --flat-playlist --dump-json</c>.</summary>
    /// <exception cref="JsonException">Not a JSON object.</exception>
    public static DownloadEntry Parse(string source, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        if (r.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("not a JSON object");
        }
        var type = YtDlpLineParser.Str(r, "_type");
        var url = YtDlpLineParser.Str(r, "url");
        var page = YtDlpLineParser.Str(r, "webpage_url");
        var isReference = type is "url" or "url_transparent";
        var itemUrl = (isReference ? url ?? page : page ?? YtDlpLineParser.Str(r, "original_url") ?? url) ?? source;
        return new DownloadEntry
        {
            Source = source,
            Json = json,
            Type = type,
            Id = YtDlpLineParser.Str(r, "id"),
            ExtractorKey = YtDlpLineParser.Str(r, isReference ? "ie_key" : "extractor_key") ?? YtDlpLineParser.Str(r, "ie_key"),
            Title = YtDlpLineParser.Str(r, "title"),
            Url = DownloadNaming.CleanUrl(itemUrl),
        };
    }
}
