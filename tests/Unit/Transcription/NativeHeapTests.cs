using System.Runtime.InteropServices;
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

    [GlibcFact]
    public void AfterABigBlockIsFreed_AMegabyteBlock_IsStillItsOwnMapping()
    {
        // glibc would raise its threshold to 8 MiB when the first block is freed, and serve the
        // second from the heap, where it stays when freed. A block that is its own mapping has
        // IS_MMAPPED (0x2) set in the size word just before it: a fact of this block alone, which
        // other threads' allocations in the same test run cannot change.
        Assert.True(NativeHeap.KeepLargeBlocksMapped());

        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8 << 20)); // malloc and free on Unix
        var block = Marshal.AllocHGlobal(1 << 20);
        try
        {
            Assert.Equal(IsMmapped, Marshal.ReadInt64(block, -8) & IsMmapped);
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    private const long IsMmapped = 0x2;
}
