using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using YtPipe.Core.Batch;
using YtPipe.Core.Output;

namespace YtPipe.Core.Reporting;

/// <summary>
/// The small records beside an input's transcripts that let <see cref="ReportReader"/> report
/// every input of an output folder whatever formats were written, failures included:
/// <list type="bullet">
/// <item><c>{stem}.ytpipe-failed.json</c>: the last attempt at the file failed (error id and message).
/// Written when a file fails, removed when a later run transcribes it.</item>
/// <item><c>{stem}.ytpipe.json</c>: the file was transcribed but no JSON transcript (which carries the
/// same fields) was asked for. Written only then.</item>
/// </list>
/// One file per input, written atomically under the input's claim: many shards never append to
/// one shared file. A record that cannot be written is a warning, never the file's failure.
/// </summary>
internal static class RunRecords
{
    /// <summary>The suffix of a failure record.</summary>
    public const string FailedSuffix = ".ytpipe-failed.json";

    /// <summary>The suffix of the record of a transcript written without JSON.</summary>
    public const string TranscribedSuffix = ".ytpipe.json";

    /// <summary>The value of the records' <c>ytpipe_record</c> field: their schema version.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Brings <paramref name="plan"/>'s records in line with <paramref name="result"/>: a failure
    /// writes the failure record; a transcription removes it, and writes the transcribed record
    /// when <paramref name="formats"/> has no JSON; a skip changes nothing.
    /// </summary>
    public static void Update(OutputPlan plan, FileResult result, IReadOnlyList<OutputFormat> formats, Action<BatchEvent> post)
    {
        var stem = StemOf(plan);
        try
        {
            switch (result.Status)
            {
                case FileStatus.Failed:
                    AtomicFileWriter.WriteText(PathFor(stem, FailedSuffix), w => Write(w, Path.GetFileName(stem), result));
                    break;
                case FileStatus.Transcribed:
                    if (!formats.Contains(OutputFormat.Json))
                    {
                        AtomicFileWriter.WriteText(PathFor(stem, TranscribedSuffix), w => Write(w, Path.GetFileName(stem), result));
                    }
                    File.Delete(PathFor(stem, FailedSuffix));
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            post(new BatchMessageEvent(BatchMessageLevel.Warning,
                $"The report record beside '{stem}' could not be written ({e.Message}); Get-YtTranscriptionReport may not list '{result.InputPath}' as {result.Status}."));
        }
    }

    /// <summary>The path of the record with <paramref name="suffix"/> for the transcripts at <paramref name="stem"/> (full path, no extension).</summary>
    public static string PathFor(string stem, string suffix)
    {
        // A stem at the name limit still gets a record; its name then says less, and the record's "stem" says all.
        var name = FileNameShortener.Shorten(Path.GetFileName(stem), FileNameShortener.MaxNameBytes - suffix.Length);
        return Path.Combine(Path.GetDirectoryName(stem)!, name + suffix);
    }

    /// <summary>The transcripts' path without extension.</summary>
    public static string StemOf(OutputPlan plan)
    {
        var (format, path) = plan.Paths.First();
        return path[..^TranscriptWriters.Extension(format).Length];
    }

    private static void Write(TextWriter writer, string stemName, FileResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("ytpipe_record", SchemaVersion);
            json.WriteString("status", result.Status.ToString().ToLowerInvariant());
            json.WriteString("stem", stemName);
            json.WriteString("source_path", result.InputPath);
            WriteNullable(json, "language", result.Transcript?.Language);
            if (result.Duration is { } d) json.WriteNumber("duration", Math.Round(d.TotalSeconds, 3)); else json.WriteNull("duration");
            WriteNullable(json, "model", result.Model);
            WriteNullable(json, "device", result.Device);
            WriteNullable(json, "compute_type", result.Transcript?.ComputeType);
            WriteNullable(json, "shard", result.Shard);
            json.WriteNumber("elapsed", Math.Round(result.Elapsed.TotalSeconds, 3));
            WriteNullable(json, "error_id", result.Error?.ErrorId);
            WriteNullable(json, "error", result.Error?.Message);
            json.WriteString("finished_utc", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }
}
