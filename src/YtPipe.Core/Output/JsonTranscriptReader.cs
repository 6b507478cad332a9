using System.Text.Json;
using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>
/// Reads a JSON transcript (what <see cref="JsonTranscriptWriter"/> writes, or the seed tool's file)
/// back into a <see cref="Transcript"/>, so subtitles can be laid out again without the model.
/// Only <c>segments</c> with numeric <c>start</c>/<c>end</c> (seconds) and string <c>text</c> are required
/// (and, for a segment with a <c>words</c> array, each word's <c>word</c>, <c>start</c> and <c>end</c>);
/// the other fields fall back to what can be told from the file.
/// </summary>
internal static class JsonTranscriptReader
{
    /// <summary>Reads the transcript at <paramref name="path"/>.</summary>
    /// <exception cref="InputNotFoundException">There is no such file.</exception>
    /// <exception cref="InputUnreadableException">The file cannot be read.</exception>
    /// <exception cref="TranscriptInvalidException">The file is not a JSON transcript.</exception>
    public static Transcript Read(string path)
    {
        if (!File.Exists(path)) throw new InputNotFoundException(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputUnreadableException(path, e);
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return FromJson(path, document.RootElement);
        }
        catch (JsonException e)
        {
            throw new TranscriptInvalidException(path, $"it is not valid JSON ({e.Message})", e);
        }
    }

    private static Transcript FromJson(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new TranscriptInvalidException(path, "its top level is not an object");
        if (!root.TryGetProperty("segments", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new TranscriptInvalidException(path, "it has no \"segments\" array");
        var segments = new List<TranscriptSegment>(list.GetArrayLength());
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || Number(item, "start") is not { } start || Number(item, "end") is not { } end
                || String(item, "text") is not { } text
                || !double.IsFinite(start) || !double.IsFinite(end) || start < 0 || end < 0)
            {
                throw new TranscriptInvalidException(path,
                    $"segment {index} needs a \"start\" and an \"end\" in seconds (numbers, not negative) and a \"text\"");
            }
            var probability = Number(item, "probability") is { } p ? (float)p : (float?)null;
            segments.Add(new TranscriptSegment(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), text, probability,
                Words(path, index, item)));
            index++;
        }
        var duration = Number(root, "duration") is { } d && double.IsFinite(d) && d >= 0
            ? TimeSpan.FromSeconds(d)
            : segments.Count > 0 ? segments.Max(s => s.End) : TimeSpan.Zero;
        return new Transcript
        {
            SourcePath = String(root, "source_path") ?? path,
            VideoId = String(root, "video_id") ?? Path.GetFileNameWithoutExtension(path),
            SourceUrl = String(root, "source_url"),
            Title = String(root, "title"),
            Uploader = String(root, "uploader"),
            UploadDate = String(root, "upload_date"),
            Model = String(root, "model") ?? "",
            Device = String(root, "device") ?? "",
            ComputeType = String(root, "compute_type") ?? "",
            Duration = duration,
            Language = String(root, "language"),
            LanguageProbability = Number(root, "language_probability") is { } lp ? (float)lp : null,
            Segments = segments,
        };
    }

    // A segment's words when it has a "words" array; each needs a "word" and a "start" and "end" in seconds.
    private static IReadOnlyList<TranscriptWord>? Words(string path, int segment, JsonElement item)
    {
        if (!item.TryGetProperty("words", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (list.ValueKind != JsonValueKind.Array)
            throw new TranscriptInvalidException(path, $"segment {segment} has \"words\" that is not an array");
        var words = new List<TranscriptWord>(list.GetArrayLength());
        var index = 0;
        foreach (var word in list.EnumerateArray())
        {
            if (word.ValueKind != JsonValueKind.Object
                || Number(word, "start") is not { } start || Number(word, "end") is not { } end
                || String(word, "word") is not { } text
                || !double.IsFinite(start) || !double.IsFinite(end) || start < 0 || end < 0)
            {
                throw new TranscriptInvalidException(path,
                    $"word {index} of segment {segment} needs a \"start\" and an \"end\" in seconds (numbers, not negative) and a \"word\"");
            }
            var probability = Number(word, "probability") is { } p ? (float)p : (float?)null;
            words.Add(new TranscriptWord(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), text, probability));
            index++;
        }
        return words;
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
