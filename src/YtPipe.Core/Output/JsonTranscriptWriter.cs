using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>
/// The seed tool's schema (<c>video_id</c>, <c>source_url</c>, <c>model</c>, <c>device</c>,
/// <c>compute_type</c>, <c>duration</c>, <c>language</c>, <c>segments</c> of <c>start</c>/<c>end</c>/<c>text</c>),
/// with times in seconds, plus fields the seed lacked (<c>probability</c> per segment, <c>text</c>,
/// <c>title</c>, <c>uploader</c>, <c>upload_date</c>, <c>source_path</c>, <c>shard</c>, <c>elapsed</c>, <c>ytpipe_version</c>, and a <c>quality</c> object: <c>avg_probability</c>,
/// <c>no_speech_dropped</c>, <c>repeats_collapsed</c>, <c>suspect</c>, <c>suspect_reason</c>). Readers of the seed's files keep working.
/// </summary>
internal sealed class JsonTranscriptWriter : ITranscriptWriter
{
    private static readonly string Version =
        typeof(JsonTranscriptWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Keep non-ASCII text readable in the file; the output is UTF-8 anyway.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public OutputFormat Format => OutputFormat.Json;

    public void Write(Transcript transcript, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("video_id", transcript.VideoId);
            WriteNullable(json, "source_url", transcript.SourceUrl);
            json.WriteString("model", transcript.Model);
            json.WriteString("device", transcript.Device);
            json.WriteString("compute_type", transcript.ComputeType);
            WriteNullable(json, "runtime", transcript.Runtime?.Name);
            WriteNullable(json, "runtime_info", transcript.Runtime?.SystemInfo);
            json.WriteNumber("duration", Seconds(transcript.Duration));
            WriteNullable(json, "language", transcript.Language);
            json.WriteStartArray("segments");
            foreach (var segment in transcript.Segments)
            {
                json.WriteStartObject();
                json.WriteNumber("start", Seconds(segment.Start));
                json.WriteNumber("end", Seconds(segment.End));
                json.WriteString("text", segment.Text);
                if (segment.Probability is { } p)
                {
                    json.WriteNumber("probability", Math.Round(p, 4));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("text", transcript.Text);
            WriteQuality(json, transcript.Quality);
            WriteNullable(json, "title", transcript.Title);
            WriteNullable(json, "uploader", transcript.Uploader);
            WriteNullable(json, "upload_date", transcript.UploadDate);
            json.WriteString("source_path", transcript.SourcePath);
            // For Get-YtTranscriptionReport: who wrote it and how long it took, whatever else was asked for.
            WriteNullable(json, "shard", transcript.Shard);
            if (transcript.Elapsed is { } elapsed) json.WriteNumber("elapsed", Seconds(elapsed)); else json.WriteNull("elapsed");
            json.WriteString("ytpipe_version", Version);
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }

    private static void WriteQuality(Utf8JsonWriter json, TranscriptQuality quality)
    {
        json.WriteStartObject("quality");
        if (quality.AverageProbability is { } p) json.WriteNumber("avg_probability", Math.Round(p, 4)); else json.WriteNull("avg_probability");
        // Always 0 for now: whisper.cpp does not report the windows it drops as silence (see TranscriptQuality).
        json.WriteNumber("no_speech_dropped", quality.NoSpeechDropped);
        json.WriteNumber("repeats_collapsed", quality.RepeatsCollapsed);
        json.WriteBoolean("suspect", quality.Suspect);
        WriteNullable(json, "suspect_reason", quality.SuspectReason);
        json.WriteEndObject();
    }

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }
}
