using System.Diagnostics;
using YtPipe.Core.Download;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Download;

public sealed class StagingAreaTests : IDisposable
{
    private readonly TempFolder output = new();

    public void Dispose() => output.Dispose();

    private string Root => output.PathOf(StagingArea.FolderName);

    [Fact]
    public void ARun_HasAFolderOfItsOwn_AndAFolderPerItem_AllGoneWhenItEnds()
    {
        string first, second;
        using (var staging = new StagingArea(output.Path))
        {
            first = staging.NewItemFolder();
            second = staging.NewItemFolder();
            File.WriteAllText(Path.Combine(first, "00001.opus.part"), "partial");

            Assert.NotEqual(first, second);
            Assert.True(DownloadNaming.IsInside(first, staging.RunFolder));
            Assert.True(Directory.Exists(second));
        }

        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void AFolderLeftByADeadRunOnThisMachine_IsRemoved_OthersAreLeftAlone()
    {
        using var dead = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        dead.WaitForExit();
        var machine = DownloadNaming.SafeStem(Environment.MachineName);
        var abandoned = Path.Combine(Root, $"{machine}-{dead.Id}-0badf00d", "0001");
        var alive = Path.Combine(Root, $"{machine}-{Environment.ProcessId}-cafebabe");
        var elsewhere = Path.Combine(Root, $"other-host-{dead.Id}-0badf00d");
        foreach (var folder in new[] { abandoned, alive, elsewhere })
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllText(Path.Combine(abandoned, "00001.opus.part"), "partial");

        using var staging = new StagingArea(output.Path);

        Assert.False(Directory.Exists(Path.GetDirectoryName(abandoned)));
        Assert.True(Directory.Exists(alive));
        Assert.True(Directory.Exists(elsewhere));
    }
}
