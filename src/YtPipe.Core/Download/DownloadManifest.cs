using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using YtPipe.Core.Output;

namespace YtPipe.Core.Download;

/// <summary>
/// manifest.jsonl: one JSON row per landed item in the ytpipe tool's schema (id, title, uploader,
/// webpage_url, duration, upload_date, audio_path, info_json, source), written the moment the item
/// lands. An item is its audio file's stem, so a rerun never adds a second row for it: an
/// unchanged row stays as it is, a changed one (another audio format, a new title) is replaced by
/// an atomic rewrite. Lines it does not understand are kept. Thread-safe.
/// </summary>
internal sealed class DownloadManifest
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly object gate = new();
    private readonly List<string> lines;
    private readonly Dictionary<string, DownloadedItem> byStem = new(StringComparer.Ordinal);

    private DownloadManifest(string path, List<string> lines)
    {
        Path = path;
        this.lines = lines;
        foreach (var line in lines)
        {
            if (FromJsonLine(line) is { } item)
            {
                byStem[item.FileStem] = item;
            }
        }
    }

    /// <summary>The manifest file.</summary>
    public string Path { get; }

    /// <summary>How many items it lists.</summary>
    public int Count
    {
        get { lock (gate) return byStem.Count; }
    }

    /// <summary>Reads the manifest; a missing file is an empty manifest.</summary>
    public static DownloadManifest Load(string path)
    {
        var lines = File.Exists(path)
            ? File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Trim().Length > 0).ToList()
            : [];
        return new DownloadManifest(path, lines);
    }

    /// <summary>The item whose audio file has the stem <paramref name="fileStem"/>, or null.</summary>
    public DownloadedItem? Find(string fileStem)
    {
        lock (gate) return byStem.GetValueOrDefault(fileStem);
    }

    /// <summary>Every item it lists.</summary>
    public IReadOnlyList<DownloadedItem> Items
    {
        get { lock (gate) return byStem.Values.ToList(); }
    }

    /// <summary>Records a landed item: appends its row, or replaces the row of the same file stem when it differs.</summary>
    /// <returns>What was done.</returns>
    public ManifestChange Record(DownloadedItem item)
    {
        var row = ToJsonLine(item);
        var stem = item.FileStem;
        lock (gate)
        {
            if (byStem.TryGetValue(stem, out var existing))
            {
                if (ToJsonLine(existing) == row)
                {
                    return ManifestChange.Unchanged;
                }
                var rewritten = new List<string>(lines.Count);
                var placed = false;
                foreach (var line in lines)
                {
                    if (FromJsonLine(line)?.FileStem != stem)
                    {
                        rewritten.Add(line);
                    }
                    else if (!placed)
                    {
                        rewritten.Add(row);
                        placed = true;
                    }
                }
                AtomicFileWriter.WriteText(Path, w =>
                {
                    foreach (var line in rewritten)
                    {
                        w.Write(line);
                        w.Write('\n');
                    }
                });
                lines.Clear();
                lines.AddRange(rewritten);
                byStem[stem] = item;
                return ManifestChange.Replaced;
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            using (var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                var prefix = stream.Length > 0 && !EndsWithNewline(Path) ? "\n" : string.Empty;
                stream.Write(Utf8NoBom.GetBytes(prefix + row + "\n"));
                stream.Flush(flushToDisk: true);
            }
            lines.Add(row);
            byStem[stem] = item;
            return ManifestChange.Appended;
        }
    }

    /// <summary>The manifest row of <paramref name="item"/>, in the schema's key order.</summary>
    public static string ToJsonLine(DownloadedItem item)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", item.Id);
            WriteStringOrNull(w, "title", item.Title);
            WriteStringOrNull(w, "uploader", item.Uploader);
            WriteStringOrNull(w, "webpage_url", item.WebpageUrl);
            if (item.Duration is { } d)
            {
                if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
                {
                    w.WriteNumber("duration", (long)d);
                }
                else
                {
                    w.WriteNumber("duration", d);
                }
            }
            else
            {
                w.WriteNull("duration");
            }
            WriteStringOrNull(w, "upload_date", item.UploadDate);
            w.WriteString("audio_path", item.AudioPath);
            w.WriteString("info_json", item.InfoJsonPath);
            w.WriteString("source", item.Source);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An item from a manifest row; null for a line that is not a row with an id and an audio_path.</summary>
    public static DownloadedItem? FromJsonLine(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var id = YtDlpLineParser.Str(r, "id");
            var audio = YtDlpLineParser.Str(r, "audio_path");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(audio))
            {
                return null;
            }
            return new DownloadedItem
            {
                Id = id,
                Title = YtDlpLineParser.Str(r, "title"),
                Uploader = YtDlpLineParser.Str(r, "uploader"),
                WebpageUrl = YtDlpLineParser.Str(r, "webpage_url"),
                Duration = YtDlpLineParser.Dbl(r, "duration"),
                UploadDate = YtDlpLineParser.Str(r, "upload_date"),
                // Rows written on Windows keep their backslashes; the stem is what identifies the item.
                AudioPath = audio,
                InfoJsonPath = YtDlpLineParser.Str(r, "info_json") ?? string.Empty,
                Source = YtDlpLineParser.Str(r, "source") ?? string.Empty,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

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
