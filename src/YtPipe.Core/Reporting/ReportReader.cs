using System.Text.Json;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;

namespace YtPipe.Core.Reporting;

/// <summary>
/// Reads an output folder (and its sub-folders) into a <see cref="TranscriptionReport"/>: one entry
/// per transcript stem that has a YtPipe JSON transcript, a transcribed record or a failure record
/// (<see cref="RunRecords"/>). A failure record wins: it exists only while the last attempt at the
/// file failed. Text and subtitle files count as outputs of a stem, never as entries by themselves
/// (a folder beside the inputs holds other .txt files). Hidden files (temporaries, claims) and
/// hidden folders (download staging) are not read. Reads only: any number of shards may still be
/// writing, and each file it reads was landed whole.
/// </summary>
public static class ReportReader
{
    private static readonly EnumerationOptions Walk = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    private static readonly OutputFormat[] Formats = Enum.GetValues<OutputFormat>();

    /// <summary>Reads <paramref name="folder"/>.</summary>
    /// <exception cref="InputNotFoundException">The folder does not exist.</exception>
    public static TranscriptionReport Read(string folder, CancellationToken cancellationToken = default)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(root))
        {
            throw new InputNotFoundException(folder);
        }
        // By stem: a failure record wins over a transcript (it exists only while the last attempt failed),
        // a transcript over a transcribed record (it says the same, and more).
        var transcripts = new Dictionary<string, ReportEntry>(StringComparer.Ordinal);
        var transcribedRecords = new Dictionary<string, ReportEntry>(StringComparer.Ordinal);
        var failures = new Dictionary<string, ReportEntry>(StringComparer.Ordinal);
        var problems = new List<ReportProblem>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", Walk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (ReadOne(root, file) is not { } entry) continue;
                var target = !entry.IsRecord ? transcripts : entry.Entry.Status == FileStatus.Failed ? failures : transcribedRecords;
                target[StemKey(root, entry.Entry.Name)] = entry.Entry;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
            {
                problems.Add(new ReportProblem(file, e.Message));
            }
        }
        var merged = new Dictionary<string, ReportEntry>(transcribedRecords, StringComparer.Ordinal);
        foreach (var (key, entry) in transcripts) merged[key] = entry;
        foreach (var (key, entry) in failures) merged[key] = entry;
        var entries = merged.Values
            .Select(e => e with { OutputFiles = OutputsOf(root, e.Name) })
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return new TranscriptionReport(root, entries, problems);
    }

    private static string StemKey(string root, string name) => Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar));

    private static IReadOnlyList<string> OutputsOf(string root, string name) =>
        Formats.Select(f => StemKey(root, name) + TranscriptWriters.Extension(f)).Where(File.Exists).ToList();

    // Told by content, not name: an input called "talk.ytpipe.mp3" has a transcript "talk.ytpipe.json".
    // Null for a .json that is neither a YtPipe record nor a transcript (yt-dlp's info.json beside the inputs).
    private static (ReportEntry Entry, bool IsRecord)? ReadOne(string root, string file)
    {
        var name = Path.GetFileName(file);
        var namedAsRecord = name.EndsWith(RunRecords.FailedSuffix, StringComparison.Ordinal) || name.EndsWith(RunRecords.TranscribedSuffix, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var json = document.RootElement;
        if (json.ValueKind != JsonValueKind.Object)
        {
            return namedAsRecord ? throw new FormatException("it is not a JSON object") : null;
        }
        var folder = Path.GetDirectoryName(file)!;
        string stem;
        FileStatus status;
        bool isRecord;
        if (Number(json, "ytpipe_record") is not null)
        {
            if (String(json, "stem") is not { Length: > 0 } recordStem || recordStem.Contains('/') || recordStem.Contains('\\'))
            {
                throw new FormatException("it is a YtPipe report record without a \"stem\" (a file name)");
            }
            stem = recordStem;
            status = String(json, "status") == "failed" ? FileStatus.Failed : FileStatus.Transcribed;
            isRecord = true;
        }
        else if (json.TryGetProperty("segments", out var segments) && segments.ValueKind == JsonValueKind.Array)
        {
            stem = Path.GetFileNameWithoutExtension(file);
            status = FileStatus.Transcribed;
            isRecord = false;
        }
        else
        {
            return namedAsRecord ? throw new FormatException("it is neither a YtPipe report record nor a transcript") : null;
        }
        var relative = Path.GetRelativePath(root, Path.Combine(folder, stem)).Replace(Path.DirectorySeparatorChar, '/');
        return (new ReportEntry
        {
            Name = relative,
            InputPath = String(json, "source_path"),
            Status = status,
            Language = String(json, "language"),
            Duration = Seconds(json, "duration"),
            Model = String(json, "model"),
            Device = String(json, "device"),
            ComputeType = String(json, "compute_type"),
            Shard = String(json, "shard"),
            Elapsed = Seconds(json, "elapsed"),
            ErrorId = String(json, "error_id"),
            ErrorMessage = String(json, "error"),
            RecordPath = file,
        }, isRecord);
    }

    private static TimeSpan? Seconds(JsonElement json, string name) =>
        Number(json, name) is { } s && double.IsFinite(s) && s >= 0 ? TimeSpan.FromSeconds(s) : null;

    private static double? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
