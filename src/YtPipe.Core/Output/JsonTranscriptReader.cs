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
            var (start, end, text, probability) = Timed(path, item, "text", $"segment {index}");
            segments.Add(new TranscriptSegment(start, end, text, probability, Words(path, index, item)));
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
            var (start, end, text, probability) = Timed(path, word, "word", $"word {index} of segment {segment}");
            words.Add(new TranscriptWord(start, end, text, probability));
            index++;
        }
        return words;
    }

    // Segments and words share their shape: start and end in seconds, a text, maybe a probability.
    private static (TimeSpan Start, TimeSpan End, string Text, float? Probability) Timed(string path, JsonElement item, string textName, string what)
    {
        if (item.ValueKind != JsonValueKind.Object
            || Number(item, "start") is not { } start || Number(item, "end") is not { } end
            || String(item, textName) is not { } text
            || !double.IsFinite(start) || !double.IsFinite(end) || start < 0 || end < 0)
        {
            throw new TranscriptInvalidException(path,
                $"{what} needs a \"start\" and an \"end\" in seconds (numbers, not negative) and a \"{textName}\"");
        }
        var probability = Number(item, "probability") is { } p ? (float)p : (float?)null;
        return (TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), text, probability);
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
