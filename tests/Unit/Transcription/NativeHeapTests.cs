using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Transcription;

public sealed class NativeHeapTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("262144", false)]
    public void AUsersOwnThreshold_IsKept(string? setting, bool fixesIt)
    {
        Assert.Equal(fixesIt, NativeHeap.ShouldFixMmapThreshold(setting));
    }

    [Fact]
    public void TheThreshold_IsGlibcsMmapThresholdOption_At128KiB()
    {
        var calls = new List<(int Option, int Value)>();

        var fixedIt = NativeHeap.FixMmapThreshold((option, value) => { calls.Add((option, value)); return 1; }, userSetting: null);

        Assert.True(fixedIt);
        Assert.Equal([(-3, 128 * 1024)], calls); // M_MMAP_THRESHOLD in glibc's malloc.h
    }

    [Fact]
    public void AUsersSetting_OrNoMallopt_OrARefusal_LeavesItAlone()
    {
        var calls = 0;
        int Count(int option, int value) { calls++; return 1; }

        Assert.False(NativeHeap.FixMmapThreshold(Count, userSetting: "262144"));
        Assert.Equal(0, calls);
        Assert.False(NativeHeap.FixMmapThreshold(null, userSetting: null));
        Assert.False(NativeHeap.FixMmapThreshold((_, _) => 0, userSetting: null));
    }

    [GlibcFact]
    public void GlibcTakesIt_InThisProcess()
    {
        // What the setting does to a batch's memory depends on the process's heap history (a free
        // chunk in an arena serves a request before any mapping is made), so it is measured in
        // bench/ (two workers: peak 389 -> 343 MiB), not asserted here.
        Assert.True(NativeHeap.KeepLargeBlocksMapped());
    }
}
