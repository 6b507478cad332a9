using System.Text.Json;
using System.Text.RegularExpressions;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Download;

/// <summary>Reads yt-dlp's output lines (the prefixed ones YtPipe asked for, warnings and errors) and classifies failures.</summary>
internal partial class YtDlpLineParser
{
    /// <summary>Understands one line of stdout or stderr.</summary>
    public static YtDlpLine Parse(string line)
    {
        var text = line.TrimEnd('\r', '\n');
        if (text.StartsWith(YtDlpArguments.ProgressPrefix, StringComparison.Ordinal))
        {
            return ParseProgress(text[YtDlpArguments.ProgressPrefix.Length..]) ?? (YtDlpLine)new YtDlpOtherLine(text);
        }
        if (text.StartsWith(YtDlpArguments.LandedPrefix, StringComparison.Ordinal))
        {
            var path = ParseJsonString(text[YtDlpArguments.LandedPrefix.Length..]);
            return path is { Length: > 0 } ? new YtDlpLandedLine(path) : new YtDlpOtherLine(text);
        }
        if (text.StartsWith(YtDlpArguments.ItemPrefix, StringComparison.Ordinal))
        {
            return ParseItem(text[YtDlpArguments.ItemPrefix.Length..]) ?? (YtDlpLine)new YtDlpOtherLine(text);
        }
        if (text.StartsWith("WARNING:", StringComparison.Ordinal))
        {
            return new YtDlpWarningLine(text["WARNING:".Length..].Trim());
        }
        if (text.StartsWith("ERROR:", StringComparison.Ordinal))
        {
            return new YtDlpErrorLine(CleanError(text["ERROR:".Length..]));
        }
        return new YtDlpOtherLine(text);
    }

    /// <summary>
    /// An error message without yt-dlp's boilerplate: the bug-report request, the "(caused by ...)"
    /// detail and the "None:" that stands for an id not known yet.
    /// </summary>
    public static string CleanError(string message)
    {
        var text = message.Trim();
        var boilerplate = text.IndexOf("; please report this issue on", StringComparison.Ordinal);
        if (boilerplate >= 0)
        {
            text = text[..boilerplate];
        }
        foreach (var tail in new[] { "Confirm you are on the latest version using", "please report this issue on" })
        {
            var at = text.IndexOf(tail, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at].TrimEnd(' ', ';', '.', ',');
            }
        }
        text = CausedBy().Replace(text, string.Empty);
        text = NoneId().Replace(text, "$1 ");
        return text.Trim().TrimEnd(';').Trim();
    }

    /// <summary>
    /// The class of a failure from yt-dlp's message, for the error category: gone or private is
    /// NotFound; a page with no media, an unsupported URL or a cut connection is InvalidData.
    /// </summary>
    public static FailureKind Classify(string message)
    {
        string[] notFound = ["HTTP Error 404", "HTTP Error 410", "Video unavailable", "Private video", "This video is private", "does not exist", "is not available", "has been removed", "members-only", "This live event will begin"];
        return notFound.Any(m => message.Contains(m, StringComparison.OrdinalIgnoreCase)) ? FailureKind.NotFound : FailureKind.InvalidData;
    }

    /// <summary>A sentence that tells the user what to do about a failure, when there is one.</summary>
    public static string? FixFor(string message)
    {
        bool Has(string s) => message.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (Has("Sign in to confirm") || Has("Private video") || Has("members-only") || Has("age-restricted") || Has("login required") || Has("cookies"))
        {
            return "Give yt-dlp your browser's cookies: name the browser to read them from (firefox, chrome, edge, ...), or give a cookies.txt file exported from it.";
        }
        if (Has("Unsupported URL"))
        {
            return "The URL is not a page or feed with media that yt-dlp knows: check it in a browser.";
        }
        if (Has("HTTP Error 403") || Has("nsig") || Has("Requested format is not available") || Has("player") && Has("extract"))
        {
            return "An outdated yt-dlp, or one without a JavaScript runtime (deno), often fails like this on YouTube: update yt-dlp and install deno.";
        }
        if (Has("Got error") || Has("Connection") || Has("timed out") || Has("IncompleteRead") || Has("Temporary failure in name resolution") || Has("Downloaded") && Has("expected") || Has("HTTP Error 5"))
        {
            return "Download again when the network or the server is back: items that landed are skipped, this one is tried again.";
        }
        return null;
    }

    private static YtDlpProgressLine? ParseProgress(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var p = doc.RootElement;
            if (p.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            return new YtDlpProgressLine(Str(p, "status"), Long(p, "downloaded_bytes"), Long(p, "total_bytes"), Long(p, "total_bytes_estimate"), Dbl(p, "speed"), Dbl(p, "eta"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static YtDlpItemLine? ParseItem(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var p = doc.RootElement;
            return p.ValueKind == JsonValueKind.Object
                ? new YtDlpItemLine(Str(p, "id"), Str(p, "title"), Str(p, "webpage_url"), Str(p, "extractor_key"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ParseJsonString(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.String ? doc.RootElement.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    internal static double? Dbl(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

    internal static long? Long(JsonElement e, string name) => Dbl(e, name) is { } d ? (long)Math.Round(d) : null;

    [GeneratedRegex(@"\s*\(caused by (<[^>]*>|.*)\)\s*$")]
    private static partial Regex CausedBy();

    [GeneratedRegex(@"^(\[[^\]]+\]) None: ")]
    private static partial Regex NoneId();
}
