using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Transcription;

public sealed class SegmentTimesTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void TimesPastTheEnd_AreClampedToTheDuration()
    {
        var segments = new[] { new TranscriptSegment(S(0.5), S(2.0), "a"), new TranscriptSegment(S(2.2), S(15.48), "b"), new TranscriptSegment(S(16), S(18), "c") };

        var clamped = SegmentTimes.ClampTo(segments, S(2.5));

        Assert.Equal([(S(0.5), S(2.0)), (S(2.2), S(2.5)), (S(2.5), S(2.5))], clamped.Select(c => (c.Start, c.End)));
        Assert.Equal(["a", "b", "c"], clamped.Select(c => c.Text));
    }

    [Fact]
    public void TimesInside_AreKeptAsTheyAre()
    {
        var segments = new[] { new TranscriptSegment(S(0), S(1), "a") };

        Assert.Same(segments, SegmentTimes.ClampTo(segments, S(2)));
    }
}
