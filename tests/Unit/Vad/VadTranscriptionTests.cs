using System.Runtime.InteropServices;
using YtPipe.Core.Batch;
using YtPipe.Core.Transcription;
using YtPipe.Core.Vad;

namespace YtPipe.Tests.Vad;

/// <summary>
/// The chunked path end to end without a model: a detector that hears any non-zero sample and a
/// recogniser whose segments and words are where the signal is (timed on whisper's 10 ms grid,
/// from the start of what it is given), through <see cref="VadTranscription"/> and
/// <see cref="TranscriptBuilder"/>. The rule: 10 s of silence before the speech moves every
/// time by exactly 10 s, with and without VAD.
/// </summary>
public sealed class VadTranscriptionTests
{
    private const int Rate = 16_000;
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);
    private static readonly VadOptions Options = new() { ModelPath = "unused" };

    [Fact]
    public async Task TenSecondsOfSilenceBefore_MovesEverySegmentAndWordByExactlyTenSeconds_WithVad()
    {
        var plain = Speech();
        var later = WithSilenceBefore(plain, 10 * Rate);

        var first = await WithVad(plain);
        var second = await WithVad(later);

        AssertShiftedExactly(first, second, TenSeconds);
        Assert.Equal(2, first.Vad!.Chunks);
    }

    [Fact]
    public async Task TenSecondsOfSilenceBefore_MovesEverySegmentAndWordByExactlyTenSeconds_WithoutVad()
    {
        var plain = Speech();
        var later = WithSilenceBefore(plain, 10 * Rate);

        AssertShiftedExactly(await WithoutVad(plain), await WithoutVad(later), TenSeconds);
    }

    [Fact]
    public async Task WithVad_TheTimesAreThoseOfTheWholeFile()
    {
        var samples = WithSilenceBefore(Speech(), 10 * Rate);

        var chunked = await WithVad(samples);
        var whole = await WithoutVad(samples);

        Assert.Equal(Times(whole), Times(chunked));
        Assert.Equal(TimeSpan.FromSeconds(11), chunked.Segments[0].Start);
    }

    [Fact]
    public async Task WithVad_ReportsSpeechAndSkippedSeconds()
    {
        var transcript = await WithVad(WithSilenceBefore(Speech(), 10 * Rate));

        // Speech at 11.0-13.5 s and 16.0-17.2 s, padded by 30 ms each side: 2.56 s and 1.26 s, 2.44 s
        // apart, too far to share a chunk; the other 14.18 s of the 18 s never reach the model.
        var vad = transcript.Vad!;
        Assert.Equal(TimeSpan.FromMilliseconds(2560 + 1260), vad.Speech);
        Assert.Equal(TimeSpan.FromMilliseconds(14_180), vad.Skipped);
        Assert.Equal(2, vad.Chunks);
    }

    [Fact]
    public async Task EachChunkIsASliceOfTheFilesSamples_NotACopy()
    {
        var samples = Speech();
        var seen = new List<ArraySegment<float>>();

        await VadTranscription.TranscribeAsync(samples, new NonZeroDetector(), Options,
            (slice, _, _) =>
            {
                Assert.True(MemoryMarshal.TryGetArray(slice, out var segment));
                seen.Add(segment);
                return Task.FromResult(new RecognitionResult([], "en"));
            }, null, null, CancellationToken.None);

        Assert.All(seen, s => Assert.Same(samples, s.Array));
        Assert.Equal([Rate - 480, 6 * Rate - 480], seen.Select(s => s.Offset));
        Assert.Equal([2560 * 16, 1260 * 16], seen.Select(s => s.Count));
    }

    [Fact]
    public async Task NoSpeech_IsAnEmptyResult_WithoutCallingTheModel()
    {
        var calls = 0;
        var result = await VadTranscription.TranscribeAsync(new float[5 * Rate], new NonZeroDetector(), Options,
            (_, _, _) => { calls++; return Task.FromResult(new RecognitionResult([], "en")); }, "de", null, CancellationToken.None);

        Assert.Equal(0, calls);
        Assert.Empty(result.Segments);
        Assert.Equal("de", result.Language);
        Assert.Equal(new VadSummary(TimeSpan.Zero, TimeSpan.FromSeconds(5), 0), result.Vad);
    }

    [Fact]
    public async Task ChunkProgress_CombinesIntoOneRisingFileFraction()
    {
        // Two chunks of 2 s and 6 s: the first's half is 1/8 of the file, its end 1/4.
        var samples = new float[40 * Rate];
        Array.Fill(samples, 0.5f, 1 * Rate, 2 * Rate);
        Array.Fill(samples, 0.5f, 20 * Rate, 6 * Rate);
        var seen = new List<double>();
        var options = Options with { SpeechPad = TimeSpan.Zero };

        await VadTranscription.TranscribeAsync(samples, new NonZeroDetector(), options,
            (_, progress, _) =>
            {
                progress!.Report(0.5);
                progress.Report(1.0);
                return Task.FromResult(new RecognitionResult([], null));
            }, null, new Recorder(seen), CancellationToken.None);

        Assert.Equal([0.125, 0.25, 0.625, 1.0, 1.0], seen);
    }

    private static void AssertShiftedExactly(Transcript first, Transcript second, TimeSpan shift)
    {
        Assert.NotEmpty(first.Segments);
        Assert.Equal(first.Segments.Select(s => s.Text), second.Segments.Select(s => s.Text));
        Assert.Equal(Times(first).Select(t => t + shift), Times(second));
    }

    // Every segment and word time in order.
    private static IEnumerable<TimeSpan> Times(Transcript t) =>
        t.Segments.SelectMany(s => new[] { s.Start, s.End }.Concat(s.Words!.SelectMany(w => new[] { w.Start, w.End }))).ToList();

    private static async Task<Transcript> WithVad(float[] samples) =>
        Build(await VadTranscription.TranscribeAsync(samples, new NonZeroDetector(), Options, HearSignal, "en", null, CancellationToken.None), samples);

    private static async Task<Transcript> WithoutVad(float[] samples) => Build(await HearSignal(samples, null, CancellationToken.None), samples);

    private static Transcript Build(RecognitionResult result, float[] samples) =>
        TranscriptBuilder.Build("/media/talk.wav", new SourceInfo("talk", null, null, null, null), result, new NoModel(), "tiny.en",
            TimeSpan.FromTicks(samples.LongLength * 625));

    // 8 s: speech at 1.0-3.5 s and 6.0-7.2 s, silence elsewhere.
    private static float[] Speech()
    {
        var samples = new float[8 * Rate];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / (double)Rate;
            if (t is >= 1.0 and < 3.5 or >= 6.0 and < 7.2) samples[i] = 0.1f + 0.5f * MathF.Abs(MathF.Sin(i * 0.07f));
        }
        return samples;
    }

    private static float[] WithSilenceBefore(float[] samples, int silence)
    {
        var longer = new float[silence + samples.Length];
        samples.CopyTo(longer, silence);
        return longer;
    }

    // A model stand-in whose answer depends only on the samples: one segment per run of signal,
    // split into two words, times on a 10 ms grid from the start of what it was given.
    private static Task<RecognitionResult> HearSignal(ReadOnlyMemory<float> samples, IProgress<double>? progress, CancellationToken token)
    {
        var segments = NonZeroDetector.Runs(samples.Span).Select((run, i) =>
        {
            var start = Grid(run.Start);
            var end = Grid(run.End);
            var middle = Grid((run.Start + run.End) / 2);
            return new TranscriptSegment(start, end, $"run {i}", 0.9f,
                [new TranscriptWord(start, middle, "run", 0.9f), new TranscriptWord(middle, end, $"{i}", 0.9f)]);
        }).ToList();
        progress?.Report(1.0);
        return Task.FromResult(new RecognitionResult(segments, "en"));
    }

    private static TimeSpan Grid(long sample) => TimeSpan.FromMilliseconds(sample / (Rate / 100) * 10);

    private sealed class NonZeroDetector : ISpeechDetector
    {
        public Task<IReadOnlyList<SpeechRegion>> DetectAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken) =>
            Task.FromResult(Runs(samples.Span));

        public static IReadOnlyList<SpeechRegion> Runs(ReadOnlySpan<float> samples)
        {
            var runs = new List<SpeechRegion>();
            var start = -1;
            for (var i = 0; i <= samples.Length; i++)
            {
                var on = i < samples.Length && samples[i] != 0;
                if (on && start < 0) start = i;
                if (!on && start >= 0)
                {
                    runs.Add(new SpeechRegion(start, i));
                    start = -1;
                }
            }
            return runs;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class NoModel : ITranscriptionModel
    {
        public string Device => "cpu";
        public string ComputeType => "f16";
        public TranscriptionRuntime Runtime { get; } = new() { Name = TranscriptionRuntime.StockName, SystemInfo = "test" };
        public IReadOnlyList<PlanNote> LoadNotes => [];
        public ITranscriber CreateTranscriber(int threads) => throw new NotSupportedException();
        public void Dispose() { }
    }

    private sealed class Recorder(List<double> seen) : IProgress<double>
    {
        public void Report(double value) => seen.Add(value);
    }
}
