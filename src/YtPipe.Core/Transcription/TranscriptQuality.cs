using System.Globalization;

namespace YtPipe.Core.Transcription;

/// <summary>
/// How far one file's transcript can be trusted, and why not. <see cref="Suspect"/> is set when any
/// of these holds, each a common sign of hallucination: a repetition loop was collapsed; the average
/// token probability is below <see cref="LowProbability"/>; or the text has more than
/// <see cref="MaxWordsPerSecond"/> words per second of audio (fast speech is about 3 to 4).
/// </summary>
public sealed record TranscriptQuality
{
    /// <summary>An average token probability below this makes a transcript suspect.</summary>
    public const double LowProbability = 0.4;

    /// <summary>More words per second of audio than this makes a transcript suspect.</summary>
    public const double MaxWordsPerSecond = 5.0;

    /// <summary>Nothing known: no probabilities, nothing dropped or collapsed.</summary>
    public static TranscriptQuality Unknown { get; } = new();

    /// <summary>Mean of the segments' token probabilities (0..1); null when the engine reported none.</summary>
    public double? AverageProbability { get; init; }

    /// <summary>
    /// Windows whisper.cpp dropped as silence. Always 0 for now: whisper.cpp skips them inside
    /// whisper_full and neither it nor Whisper.net reports how many.
    /// </summary>
    public int NoSpeechDropped { get; init; }

    /// <summary>The repetition runs collapsed into one segment each.</summary>
    public int RepeatsCollapsed => Repeats.Count;

    /// <summary>What was collapsed, run by run.</summary>
    public IReadOnlyList<CollapsedRepeat> Repeats { get; init; } = [];

    /// <summary>The numbers look like a hallucination; see <see cref="SuspectReason"/>.</summary>
    public bool Suspect => SuspectReason is not null;

    /// <summary>Why the transcript is suspect, every reason joined by "; "; null when it is not.</summary>
    public string? SuspectReason { get; init; }

    /// <summary>Assesses the segments a transcript keeps (after collapse) over audio of <paramref name="duration"/>.</summary>
    public static TranscriptQuality Assess(IReadOnlyList<TranscriptSegment> segments, IReadOnlyList<CollapsedRepeat> repeats, TimeSpan duration)
    {
        var probabilities = segments.Select(s => s.Probability).OfType<float>().ToList();
        double? average = probabilities.Count == 0 ? null : Math.Round(probabilities.Average(), 4);
        var words = segments.Sum(s => s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var reasons = new List<string>();
        if (repeats.Count > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{repeats.Count} repeated segment run(s) collapsed"));
        }
        if (average < LowProbability)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"average token probability {average:0.00} is below {LowProbability:0.0}"));
        }
        if (duration > TimeSpan.Zero && words / duration.TotalSeconds > MaxWordsPerSecond)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{words / duration.TotalSeconds:0.0} words per second is more than speech allows ({MaxWordsPerSecond:0})"));
        }
        return new TranscriptQuality
        {
            AverageProbability = average,
            Repeats = repeats,
            SuspectReason = reasons.Count == 0 ? null : string.Join("; ", reasons),
        };
    }
}
