using System.Globalization;

namespace YtPipe.Core.Output;

/// <summary>
/// Names the hidden temporary file a transcript is written to before it is renamed into place:
/// <c>.{name}.{pid}-{host}-{random}.ytpipe-tmp</c>. The name says which process on which machine
/// wrote it, so a later run can tell a file whose writer died (SIGTERM, kill -9, a requeued job)
/// from one a live process is writing right now. The part taken from the transcript name is
/// shortened so that the temporary name fits whenever the transcript name does.
/// </summary>
internal static class TempFileName
{
    /// <summary>The suffix of every temporary file.</summary>
    public const string Suffix = ".ytpipe-tmp";

    // "." + name + "." + pid (10 digits at most) + "-" + host (8) + "-" + random (8) + suffix.
    private const int Overhead = 1 + 1 + 10 + 1 + 8 + 1 + 8;

    private static readonly int MaxNameBytes = FileNameShortener.MaxNameBytes - Overhead - Suffix.Length;

    /// <summary>Eight hex digits that stand for this machine, the same in every process on it.</summary>
    public static string HostTag { get; } = FileNameShortener.StableHash(Environment.MachineName).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>A fresh temporary path beside <paramref name="target"/>, written by this process.</summary>
    public static string For(string target)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var random = Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture);
        return Path.Combine(folder, $"{PrefixFor(target)}{Environment.ProcessId}-{HostTag}-{random}{Suffix}");
    }

    /// <summary>How every temporary file name of <paramref name="target"/> begins, whoever writes it.</summary>
    public static string PrefixFor(string target) => $".{FileNameShortener.Shorten(Path.GetFileName(target), MaxNameBytes)}.";

    /// <summary>Whether <paramref name="fileName"/> is a temporary file whose name begins with <paramref name="prefix"/> (from <see cref="PrefixFor"/>).</summary>
    public static bool IsTempOf(string fileName, string prefix) =>
        fileName.Length > prefix.Length + Suffix.Length
        && fileName.StartsWith(prefix, StringComparison.Ordinal)
        && fileName.EndsWith(Suffix, StringComparison.Ordinal)
        && !fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - Suffix.Length).Contains('.');

    /// <summary>Reads the writer out of a temporary file name; false for a name of another pattern (an older YtPipe's).</summary>
    /// <param name="fileName">A file name (not a path).</param>
    /// <param name="pid">The writer's process id.</param>
    /// <param name="hostTag">The writer's <see cref="HostTag"/>.</param>
    public static bool TryParseWriter(string fileName, out int pid, out string hostTag)
    {
        pid = 0;
        hostTag = string.Empty;
        if (!fileName.EndsWith(Suffix, StringComparison.Ordinal)) return false;
        var body = fileName[..^Suffix.Length];
        var writer = body[(body.LastIndexOf('.') + 1)..].Split('-');
        if (writer.Length != 3 || writer[1].Length != 8
            || !int.TryParse(writer[0], NumberStyles.None, CultureInfo.InvariantCulture, out pid))
        {
            return false;
        }
        hostTag = writer[1];
        return true;
    }
}
