using System.Text;

namespace YtPipe.Core.Output;

/// <summary>
/// Makes the names YtPipe derives from a transcript name (temporary files, claims) fit the file
/// system's limit of 255 bytes per name (Linux counts UTF-8 bytes; Windows counts UTF-16 units,
/// never more than the UTF-8 bytes, so counting bytes is safe on both).
/// </summary>
internal static class FileNameShortener
{
    /// <summary>The longest file name the common file systems accept, in bytes.</summary>
    public const int MaxNameBytes = 255;

    // "~" and eight hex digits: the hash keeps two long names that share a beginning apart.
    private const int HashTagBytes = 9;

    /// <summary>
    /// <paramref name="name"/> itself when it has at most <paramref name="maxBytes"/> UTF-8 bytes;
    /// else its beginning, cut between characters (never inside one), followed by <c>~</c> and a
    /// hash of the whole name, in at most <paramref name="maxBytes"/> bytes. The same name always
    /// gives the same result, in every process.
    /// </summary>
    public static string Shorten(string name, int maxBytes)
    {
        if (maxBytes <= HashTagBytes) throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "Too short for a shortened name.");
        if (Encoding.UTF8.GetByteCount(name) <= maxBytes)
        {
            return name;
        }
        var budget = maxBytes - HashTagBytes;
        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget) break;
            kept.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }
        return $"{kept}~{StableHash(name):x8}";
    }

    /// <summary>FNV-1a over the UTF-8 bytes: unlike <see cref="string.GetHashCode()"/>, equal in every process.</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }
}
