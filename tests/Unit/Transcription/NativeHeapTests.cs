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
        // second from the heap, where it stays when freed. mallinfo2's hblks counts live mappings.
        Assert.True(NativeHeap.KeepLargeBlocksMapped());

        Marshal.FreeHGlobal(Marshal.AllocHGlobal(8 << 20)); // malloc and free on Unix
        var before = Mappings();
        var block = Marshal.AllocHGlobal(1 << 20);
        try
        {
            Assert.Equal(before + 1, Mappings());
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 MallInfo();

    private static nuint Mappings() => MallInfo().Hblks;
}
