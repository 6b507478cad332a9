using YtPipe.Core.Output;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Output;

public sealed class TranscriptFilesTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [DevFullFact]
    public void AWriteThatFailsForAFullDisk_IsReportedAsDiskFull()
    {
        // /dev/full fails every write with ENOSPC: the very exception a full disk raises.
        var full = Assert.ThrowsAny<IOException>(() =>
        {
            using var device = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            device.Write(new byte[16]);
        });

        var error = TranscriptFiles.ErrorFor(folder.PathOf("talk.json"), full);

        Assert.Equal("DiskFull", error.ErrorId);
        Assert.Equal(folder.PathOf("talk.json"), error.Target);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void AWriteThatFailsOtherwise_IsReportedAsOutputWriteFailed()
    {
        var error = TranscriptFiles.ErrorFor(folder.PathOf("talk.json"), new UnauthorizedAccessException("denied"));

        Assert.Equal("OutputWriteFailed", error.ErrorId);
    }
}
