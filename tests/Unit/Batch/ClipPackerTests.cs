using YtPipe.Core.Audio;
using YtPipe.Core.Batch;

namespace YtPipe.Tests.Batch;

/// <summary>How -ShortClip Pack gathers short clips: in order, never past the 30 s window, with a gap between clips.</summary>
public sealed class ClipPackerTests
{
    private const int Second = AudioClip.SampleRate;

    [Fact]
    public void ClipsArePackedInArrivalOrder_WithAGapBetween_AndNoneAfterTheLast()
    {
        var packer = new ClipPacker<string>();

        Assert.Null(packer.Add("a", new float[3 * Second]));
        Assert.Null(packer.Add("b", new float[2 * Second]));
        var pack = packer.Flush();

        Assert.NotNull(pack);
        Assert.Equal(["a", "b"], pack.Clips.Select(c => c.Item));
        Assert.Equal([0, 3 * Second + ClipPacker<string>.GapSamples], pack.Clips.Select(c => c.Offset));
        Assert.Equal(5 * Second + ClipPacker<string>.GapSamples, pack.TotalSamples);
        Assert.Null(packer.Flush());
    }

    [Fact]
    public void AClipThatWouldPassTheWindow_SendsTheFullPack_AndStartsTheNext()
    {
        var packer = new ClipPacker<int>();
        // 3 s clips with 1 s gaps: 7 make 27 s, an eighth would make 31 s.
        var packs = Enumerable.Range(0, 16).Select(i => packer.Add(i, new float[3 * Second])).Where(p => p is not null).ToList();
        packs.Add(packer.Flush());

        Assert.Equal([7, 7, 2], packs.Select(p => p!.Clips.Count));
        Assert.Equal(Enumerable.Range(0, 16), packs.SelectMany(p => p!.Clips.Select(c => c.Item)));
        Assert.All(packs, p => Assert.InRange(p!.TotalSamples, 1, ClipPacker<int>.WindowSamples));
        Assert.Equal(27 * Second, packs[0]!.TotalSamples);
    }

    [Fact]
    public void AClipThatExactlyFillsTheWindow_StillFits()
    {
        var packer = new ClipPacker<int>();
        Assert.Null(packer.Add(0, new float[10 * Second]));
        Assert.Null(packer.Add(1, new float[10 * Second]));
        // 10 + 1 + 10 + 1 = 22 s used; 8 s more make exactly 30 s.
        Assert.Null(packer.Add(2, new float[8 * Second]));

        var pack = packer.Add(3, new float[1]);

        Assert.NotNull(pack);
        Assert.Equal(ClipPacker<int>.WindowSamples, pack.TotalSamples);
        Assert.Equal(3, pack.Clips.Count);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10 * Second, true)]
    [InlineData(10 * Second + 1, false)]
    public void OnlyShortNonEmptyClipsArePacked(int samples, bool packable) =>
        Assert.Equal(packable, ClipPacker<int>.IsPackable(samples));

    [Fact]
    public void TheBufferHoldsEachClipAtItsOffset_AndSilenceInTheGaps()
    {
        var packer = new ClipPacker<int>();
        packer.Add(0, Filled(Second, 0.25f));
        packer.Add(1, Filled(2 * Second, 0.5f));
        var samples = packer.Flush()!.BuildSamples();

        Assert.Equal(4 * Second, samples.Length);
        Assert.All(samples[..Second], s => Assert.Equal(0.25f, s));
        Assert.All(samples[Second..(2 * Second)], s => Assert.Equal(0f, s));
        Assert.All(samples[(2 * Second)..], s => Assert.Equal(0.5f, s));
    }

    private static float[] Filled(int length, float value)
    {
        var samples = new float[length];
        Array.Fill(samples, value);
        return samples;
    }
}
