using System.Text;
using YtPipe.Core.Output;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Output;

public sealed class OutputClaimTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ASecondClaimOnTheSameTranscripts_IsRefused_AndSaysWhoHoldsIt()
    {
        var claimPath = OutputClaim.PathFor(folder.PathOf("talk.json"));
        using var first = OutputClaim.TryTake(claimPath, folder.PathOf("talk.wav"), out _);
        Assert.NotNull(first);

        var second = OutputClaim.TryTake(claimPath, folder.PathOf("talk.mp3"), out var holder);

        Assert.Null(second);
        Assert.Contains($"process {Environment.ProcessId}", holder);
        Assert.Contains(folder.PathOf("talk.wav"), holder);
    }

    [Fact]
    public void AHeldClaim_ShutsOutAnyOtherExclusiveOpen()
    {
        using var claim = OutputClaim.TryTake(OutputClaim.PathFor(folder.PathOf("talk.json")), folder.PathOf("talk.wav"), out _)!;

        Assert.ThrowsAny<IOException>(() => new FileStream(claim.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
    }

    [Fact]
    public void AReleasedClaim_LeavesNoFile_AndCanBeTakenAgain()
    {
        var claimPath = OutputClaim.PathFor(folder.PathOf("talk.json"));
        OutputClaim.TryTake(claimPath, folder.PathOf("talk.wav"), out _)!.Dispose();

        Assert.False(File.Exists(claimPath));
        using var again = OutputClaim.TryTake(claimPath, folder.PathOf("talk.wav"), out _);
        Assert.NotNull(again);
    }

    [Fact]
    public void TheClaimOfADeadOwner_IsTakenOver()
    {
        // What kill -9 leaves: the file, with no lock on it.
        var claimPath = folder.WriteFile(".talk.ytpipe-claim", "process 1 on a machine that died");

        using var claim = OutputClaim.TryTake(claimPath, folder.PathOf("talk.wav"), out _);

        Assert.NotNull(claim);
        Assert.Equal(claimPath, OutputClaim.PathFor(folder.PathOf("talk.json")));
    }

    [Fact]
    public void TheClaimOfTheLongestTranscriptName_FitsTheFileNameLimit()
    {
        var output = folder.PathOf(new string('é', 125) + ".json");

        using var claim = OutputClaim.TryTake(OutputClaim.PathFor(output), folder.PathOf("x.wav"), out _)!;

        Assert.InRange(Encoding.UTF8.GetByteCount(Path.GetFileName(claim.Path)), 1, FileNameShortener.MaxNameBytes);
        Assert.True(File.Exists(claim.Path));
    }
}
