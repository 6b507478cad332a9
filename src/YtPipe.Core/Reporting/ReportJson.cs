using System.Text.Encodings.Web;
using System.Text.Json;

namespace YtPipe.Core.Reporting;

/// <summary>
/// A report as one JSON document for dashboards: <c>{"folders": [...], "totals": {...}, "files": [...]}</c>,
/// snake_case as the transcripts are, times in seconds. Nothing in it depends on when it was made,
/// so two reports of the same folders are the same text.
/// </summary>
public static class ReportJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON of <paramref name="reports"/>, taken together.</summary>
    public static string Write(IReadOnlyList<TranscriptionReport> reports)
    {
        var entries = reports.SelectMany(r => r.Entries).ToList();
        var totals = ReportTotals.Of(entries);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("folders");
            foreach (var r in reports) json.WriteStringValue(r.Folder);
            json.WriteEndArray();
            json.WriteStartObject("totals");
            json.WriteNumber("files", totals.Files);
            json.WriteNumber("transcribed", totals.Transcribed);
            json.WriteNumber("failed", totals.Failed);
            json.WriteNumber("audio", Seconds(totals.Audio));
            json.WriteNumber("elapsed", Seconds(totals.Elapsed));
            WriteStrings(json, "shards", totals.Shards);
            WriteStrings(json, "models", totals.Models);
            WriteStrings(json, "devices", totals.Devices);
            json.WriteStartObject("failures");
            foreach (var (id, count) in totals.FailuresByErrorId) json.WriteNumber(id, count);
            json.WriteEndObject();
            json.WriteNumber("unreadable", reports.Sum(r => r.Problems.Count));
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var e in entries)
            {
                json.WriteStartObject();
                json.WriteString("name", e.Name);
                WriteNullable(json, "input_path", e.InputPath);
                json.WriteString("status", e.Status.ToString());
                WriteNullable(json, "language", e.Language);
                WriteSeconds(json, "duration", e.Duration);
                WriteNullable(json, "model", e.Model);
                WriteNullable(json, "device", e.Device);
                WriteNullable(json, "compute_type", e.ComputeType);
                WriteNullable(json, "shard", e.Shard);
                WriteSeconds(json, "elapsed", e.Elapsed);
                WriteNullable(json, "error_id", e.ErrorId);
                WriteNullable(json, "error", e.ErrorMessage);
                WriteStrings(json, "output_files", e.OutputFiles);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3);

    private static void WriteSeconds(Utf8JsonWriter json, string name, TimeSpan? value)
    {
        if (value is { } t) json.WriteNumber(name, Seconds(t)); else json.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
