using Whisper.net;
using YtPipe.Core.Transcription;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Transcription;

/// <summary>How whisper.cpp's token times (centiseconds, DTW or not) become word times, and how words follow their segment.</summary>
public sealed class WordTimesTests
{
    private static WhisperToken Token(string text, long t0, long t1, long dtw = -1, float p = 1f) =>
        new() { Text = text, Start = t0, End = t1, DtwTimestamp = dtw, Probability = p };

    [Fact]
    public void WithoutDtw_WordsSpanTheirTokensOwnTimes()
    {
        var words = WhisperSegments.Words([Token("[_BEG_]", 0, 0), Token(" Hel", 100, 130), Token("lo", 130, 170), Token(" you", 180, 220)],
            Seconds(1), Seconds(3));

        Assert.Equal([("Hello", Seconds(1), Seconds(1.7)), ("you", Seconds(1.8), Seconds(2.2))], words.Select(w => (w.Text, w.Start, w.End)));
    }

    [Fact]
    public void WithDtw_ATokenLastsUntilTheNextAlignedOne_TheLastUntilTheSegmentEnds()
    {
        var words = WhisperSegments.Words([Token(" Hel", 0, 0, dtw: 110), Token("lo", 0, 0, dtw: 140), Token(" you", 0, 0, dtw: 190)],
            Seconds(1), Seconds(2.5));

        Assert.Equal([("Hello", Seconds(1.1), Seconds(1.9)), ("you", Seconds(1.9), Seconds(2.5))], words.Select(w => (w.Text, w.Start, w.End)));
    }

    [Fact]
    public void WordTimes_StayInsideTheirSegment()
    {
        var words = WhisperSegments.Words([Token(" early", 50, 120), Token(" late", 280, 400)], Seconds(1), Seconds(3));

        Assert.Equal([(Seconds(1), Seconds(1.2)), (Seconds(2.8), Seconds(3))], words.Select(w => (w.Start, w.End)));
    }

    [Fact]
    public void ACharacterSplitOverTwoTokens_TakesItsTextFromTheSegment()
    {
        // 世 is three UTF-8 bytes; whisper's tokens can hold two and one of them, each decoded alone as U+FFFD.
        var words = WhisperSegments.Words([Token(" \uFFFD", 100, 120), Token("\uFFFD界", 120, 150), Token(" ok", 160, 180)], Seconds(1), Seconds(2));

        var repaired = WhisperSegments.Repaired(words, " 世界 ok");

        Assert.Equal([("世界", Seconds(1), Seconds(1.5)), ("ok", Seconds(1.6), Seconds(1.8))], repaired!.Select(w => (w.Text, w.Start, w.End)));
    }

    [Fact]
    public void BrokenCharacters_ThatCannotBeMatched_LeaveTheSegmentWithoutWords()
    {
        var words = WhisperSegments.Words([Token(" \uFFFD", 100, 120), Token("\uFFFD界", 120, 150)], Seconds(1), Seconds(2));

        Assert.Null(WhisperSegments.Repaired(words, " 世界 and more"));
    }

    [Fact]
    public void WholeWords_AreKeptAsTheyAre()
    {
        var words = WhisperSegments.Words([Token(" Hello", 100, 150)], Seconds(1), Seconds(2));

        Assert.Same(words, WhisperSegments.Repaired(words, " Different text"));
    }

    [Fact]
    public void SegmentTimes_ClampWordsLikeTheirSegments()
    {
        TranscriptWord[] words = [new(Seconds(1), Seconds(2), "a"), new(Seconds(2), Seconds(15.48), "b")];

        var clamped = SegmentTimes.ClampTo([Segment(1, 15.48, "a b") with { Words = words }], Seconds(2.5));

        Assert.Equal([(Seconds(1), Seconds(2)), (Seconds(2), Seconds(2.5))], clamped[0].Words!.Select(w => (w.Start, w.End)));
    }

    [Fact]
    public void SegmentTimes_ClampWords_EvenWhenTheSegmentItselfFits()
    {
        TranscriptWord[] words = [new(Seconds(1), Seconds(2.7), "a")];

        var clamped = SegmentTimes.ClampTo([Segment(1, 2.5, "a") with { Words = words }], Seconds(2.5));

        Assert.Equal(Seconds(2.5), Assert.Single(clamped[0].Words!).End);
    }

    [Fact]
    public void CollapsedRepeat_KeepsTheWordsOfTheSegmentItKeeps()
    {
        TranscriptWord[] first = [new(Seconds(0), Seconds(1), "Thanks.")];
        var segments = Enumerable.Range(0, 3)
            .Select(i => Segment(i, i + 1, "Thanks.") with { Words = [new(Seconds(i), Seconds(i + 1), "Thanks.")] })
            .ToList();
        segments[0] = segments[0] with { Words = first };

        var (kept, _) = RepeatCollapser.Collapse(segments);

        Assert.Same(first, Assert.Single(kept).Words);
    }
}
