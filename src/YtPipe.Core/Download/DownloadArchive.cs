using System.Text;

namespace YtPipe.Core.Download;

/// <summary>
/// downloaded.txt: one <c>extractor id</c> line per item that landed, in yt-dlp's format, so an
/// archive yt-dlp or the ytpipe tool wrote is honoured. A line is appended (and flushed to disk)
/// only after the item's files are in place and its manifest row is written, so the archive never
/// names an item that did not land. Thread-safe.
/// </summary>
internal sealed class DownloadArchive
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly object gate = new();
    private readonly HashSet<string> keys;

    private DownloadArchive(string path, HashSet<string> keys)
    {
        Path = path;
        this.keys = keys;
    }

    /// <summary>The archive file.</summary>
    public string Path { get; }

    /// <summary>How many items it names.</summary>
    public int Count
    {
        get { lock (gate) return keys.Count; }
    }

    /// <summary>Reads the archive; a missing file is an empty archive.</summary>
    public static DownloadArchive Load(string path)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                var key = Normalize(line);
                if (key.Length > 0)
                {
                    keys.Add(key);
                }
            }
        }
        return new DownloadArchive(path, keys);
    }

    /// <summary>Whether the archive names <paramref name="key"/>.</summary>
    public bool Contains(string key)
    {
        lock (gate) return keys.Contains(Normalize(key));
    }

    /// <summary>Appends <paramref name="key"/> unless it is there already.</summary>
    public void Add(string key)
    {
        var normalized = Normalize(key);
        lock (gate)
        {
            if (!keys.Add(normalized))
            {
                return;
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            // A file another writer left without a final newline must not glue two keys together.
            var prefix = stream.Length > 0 && !EndsWithNewline(Path) ? "\n" : string.Empty;
            var bytes = Utf8NoBom.GetBytes(prefix + normalized + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Writes every key to <paramref name="path"/>: a copy for yt-dlp to check against, and to write into, without touching this one.</summary>
    public void WriteSnapshot(string path)
    {
        string[] copy;
        lock (gate) copy = keys.ToArray();
        File.WriteAllLines(path, copy, Utf8NoBom);
    }

    // yt-dlp compares whole stripped lines.
    private static string Normalize(string line) => line.Trim();

    private static bool EndsWithNewline(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (read.Length == 0)
        {
            return true;
        }
        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() == '\n';
    }
}
