using System.Security.Cryptography;
using System.Text;

namespace YtPipe.Core.Download;

/// <summary>
/// Names items. A YouTube item is its video id (as the ytpipe tool named it, so a transcript's
/// video_id is the id); an item of another extractor is <c>extractor-id</c>; an item of yt-dlp's
/// generic extractor (plain media URLs, podcast feeds), whose id is only the URL's base name and
/// so collides across hosts, is <c>basename-HASH</c> with a short hash of its URL. Every name that
/// comes from the network is reduced to safe characters, so none can leave the audio folder.
/// </summary>
internal static class DownloadNaming
{
    /// <summary>yt-dlp's key of its generic extractor.</summary>
    public const string GenericExtractor = "Generic";

    /// <summary>The longest file stem made from an id (the hash suffix comes on top).</summary>
    public const int MaxStemLength = 80;

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Whether <paramref name="extractorKey"/> is yt-dlp's generic extractor (or unknown).</summary>
    public static bool IsGeneric(string? extractorKey) =>
        string.IsNullOrWhiteSpace(extractorKey) || string.Equals(extractorKey, GenericExtractor, StringComparison.OrdinalIgnoreCase);

    /// <summary>The identity of an item of a known, non-generic extractor: its id is unique there.</summary>
    public static ItemIdentity ForExtractor(string extractorKey, string id)
    {
        var extractor = extractorKey.Trim().ToLowerInvariant();
        var stem = extractor == "youtube" ? SafeStem(id) : SafeStem($"{extractor}-{id}");
        // The key keeps yt-dlp's form, so an archive yt-dlp (or the ytpipe tool) wrote is honoured.
        return new ItemIdentity($"{SafeToken(extractor)} {SafeToken(id)}", stem);
    }

    /// <summary>The identity of a generic item, from the URL it was listed with (redirects and all, it stays the same on every run).</summary>
    public static ItemIdentity ForGenericUrl(string url)
    {
        var clean = CleanUrl(url);
        var stem = $"{Truncate(Sanitize(BaseName(clean)), MaxStemLength)}-{ShortHash(clean)}";
        return new ItemIdentity($"generic {stem}", stem);
    }

    /// <summary>
    /// Reduces a name from the network to letters, digits, '-', '_' and '.', not starting with '.',
    /// at most <see cref="MaxStemLength"/> long; when anything had to change, a hash of the original
    /// is appended so that two different names never end up the same.
    /// </summary>
    public static string SafeStem(string raw)
    {
        var sanitized = Truncate(Sanitize(raw), MaxStemLength);
        if (sanitized == raw && !WindowsDeviceNames.Contains(raw))
        {
            return sanitized;
        }
        return $"{sanitized}-{ShortHash(raw)}";
    }

    /// <summary>A URL without its fragment (yt-dlp smuggles data there: #__youtubedl_smuggle=...).</summary>
    public static string CleanUrl(string url)
    {
        var hash = url.IndexOf('#');
        return (hash >= 0 ? url[..hash] : url).Trim();
    }

    /// <summary>The first 8 hex digits of the SHA-256 of <paramref name="text"/>.</summary>
    public static string ShortHash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8].ToLowerInvariant();

    /// <summary>Whether <paramref name="path"/> is inside <paramref name="folder"/> (not the folder itself), after resolving '..'.</summary>
    public static bool IsInside(string path, string folder)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.StartsWith(root, comparison) && full.Length > root.Length;
    }

    /// <summary>Whether an extension from the network is a plain one (letters and digits, 1 to 10).</summary>
    public static bool IsSafeExtension(string extension) =>
        extension.Length is >= 1 and <= 10 && extension.All(char.IsAsciiLetterOrDigit);

    private static string BaseName(string url)
    {
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            path = uri.AbsolutePath;
        }
        else
        {
            var query = url.IndexOfAny(['?', '#']);
            path = query >= 0 ? url[..query] : url;
        }
        // The last segment as sent, then unescaped: an escaped slash (%2F) is part of the name, never a folder.
        var name = Uri.UnescapeDataString(path.TrimEnd('/').Split('/').LastOrDefault() ?? string.Empty).Replace('/', '_').Replace('\\', '_');
        var dot = name.LastIndexOf('.');
        if (dot > 0 && name.Length - dot - 1 is >= 1 and <= 5 && name[(dot + 1)..].All(char.IsAsciiLetterOrDigit))
        {
            name = name[..dot];
        }
        return name.Length > 0 ? name : "media";
    }

    private static string Sanitize(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }
        var text = sb.ToString().TrimStart('.').TrimEnd('.', ' ');
        while (text.Contains("..", StringComparison.Ordinal))
        {
            text = text.Replace("..", ".", StringComparison.Ordinal);
        }
        return text.Length > 0 ? text : "item";
    }

    private static string SafeToken(string raw)
    {
        // An archive line is "extractor id": no whitespace or line breaks inside either part.
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            sb.Append(char.IsWhiteSpace(c) || char.IsControl(c) ? '_' : c);
        }
        return sb.Length > 0 ? sb.ToString() : "_";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd('.');
}
