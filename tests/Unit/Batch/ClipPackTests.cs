using YtPipe.Core.Audio;
using YtPipe.Core.Batch;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Batch;

/// <summary>How what whisper heard in a pack goes back to its clips: exact times, the straddling rule, the words.</summary>
public sealed class ClipPackTests
{
    private const int Second = AudioClip.SampleRate;
    private const long TicksPerSample = TimeSpan.TicksPerSecond / AudioClip.SampleRate;

    // Clips of 3 s and of 2.5 s + 7 samples: the second starts at 4 s (after the 1 s gap), the third at 7.5 s + 7 samples.
    private static ClipPack<string> ThreeClips()
    {
        var packer = new ClipPacker<string>();
        packer.Add("a", new float[3 * Second]);
        packer.Add("b", new float[5 * Second / 2 + 7]);
        packer.Add("c", new float[2 * Second]);
        return packer.Flush()!;
    }

    private static TimeSpan Samples(long n) => TimeSpan.FromTicks(n * TicksPerSample);

    [Fact]
    public void SegmentsGoBackToTheirClips_OnEachClipsOwnTimeline_ToTheTick()
    {
        var pack = ThreeClips();
        var cStart = 3 * Second + Second + 5 * Second / 2 + 7 + Second;
        var heard = new RecognitionResult(
        [
            new TranscriptSegment(Samples(100), Samples(2 * Second), "one"),
            new TranscriptSegment(Samples(4 * Second + 1), Samples(6 * Second + 3), "two"),
            new TranscriptSegment(Samples(cStart + 11), Samples(cStart + Second), "three"),
        ], "en", 0.9f);

        var split = pack.Split(heard);

        Assert.Equal(3, split.Count);
        Assert.Equal((Samples(100), Samples(2 * Second)), (split[0].Segments.Single().Start, split[0].Segments.Single().End));
        Assert.Equal((Samples(1), Samples(2 * Second + 3)), (split[1].Segments.Single().Start, split[1].Segments.Single().End));
        Assert.Equal((Samples(11), Samples(Second)), (split[2].Segments.Single().Start, split[2].Segments.Single().End));
        Assert.Equal(["one", "two", "three"], split.Select(r => r.Segments.Single().Text));
        Assert.All(split, r => Assert.Equal(("en", (float?)0.9f), (r.Language, r.LanguageProbability)));
    }

    [Fact]
    public void AStraddlingSegment_GoesWhereMostOfItLies_AndIsKeptInsideThatClip()
    {
        var pack = ThreeClips();
        // From 2.5 s (in a, 0.5 s of it) to 5 s (in b, 1 s of it): b's.
        var straddling = new TranscriptSegment(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5), "across");
        // From 2 s (1 s of a) across the gap to 4.5 s (0.5 s of b): a's, cut at a's end.
        var mostlyFirst = new TranscriptSegment(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4.5), "mostly a");

        var split = pack.Split(new RecognitionResult([mostlyFirst, straddling], "en"));

        var a = Assert.Single(split[0].Segments);
        Assert.Equal(("mostly a", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)), (a.Text, a.Start, a.End));
        var b = Assert.Single(split[1].Segments);
        Assert.Equal(("across", TimeSpan.Zero, TimeSpan.FromSeconds(1)), (b.Text, b.Start, b.End));
        Assert.Empty(split[2].Segments);
    }

    [Fact]
    public void ASegmentInAGap_GoesToTheNearestClip()
    {
        var pack = ThreeClips();
        // The gap between a (ends 3 s) and b (starts 4 s): 3.1-3.3 s is nearer a.
        Assert.Equal(0, pack.Owner(TimeSpan.FromSeconds(3.1), TimeSpan.FromSeconds(3.3)));
        Assert.Equal(1, pack.Owner(TimeSpan.FromSeconds(3.8), TimeSpan.FromSeconds(3.9)));
        // Past the end of the pack: the last clip.
        Assert.Equal(2, pack.Owner(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(41)));
    }

    [Fact]
    public void WordsFollowTheirSegment_OnTheSameTimeline()
    {
        var pack = ThreeClips();
        var words = new List<TranscriptWord>
        {
            new(Samples(4 * Second + 5), Samples(4 * Second + 900), "Hello", 0.5f),
            new(Samples(4 * Second + 900), Samples(5 * Second), "there."),
        };
        var heard = new RecognitionResult([new TranscriptSegment(Samples(4 * Second + 5), Samples(5 * Second), "Hello there.", 0.7f, words)], "en");

        var segment = Assert.Single(pack.Split(heard)[1].Segments);

        Assert.NotNull(segment.Words);
        Assert.Equal(
            [(Samples(5), Samples(900), "Hello"), (Samples(900), Samples(Second), "there.")],
            segment.Words.Select(w => (w.Start, w.End, w.Text)));
        Assert.Equal(0.5f, segment.Words[0].Probability);
        Assert.Equal(0.7f, segment.Probability);
    }

    [Fact]
    public void WithoutWordTimestamps_SegmentsStayWithoutWords()
    {
        var split = ThreeClips().Split(new RecognitionResult([new TranscriptSegment(TimeSpan.Zero, TimeSpan.FromSeconds(1), "x")], null));

        Assert.Null(split[0].Segments.Single().Words);
        Assert.Null(split[0].Language);
    }
}
