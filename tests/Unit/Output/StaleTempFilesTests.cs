using YtPipe.Core.Batch;
using YtPipe.Core.Output;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Output;

/// <summary>What a killed run left beside the transcripts a new run plans, and what the new run removes.</summary>
public sealed class StaleTempFilesTests : IDisposable
{
    // Above every system's process id limit: no process has it.
    private const int DeadPid = int.MaxValue - 1;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Planning_RemovesTheTempFileOfADeadWriter_AndKeepsAFreshOneOfALiveWriter()
    {
        var dead = Leftover("talk.json", DeadPid);
        var live = Leftover("talk.txt", Environment.ProcessId);

        Plan("talk.wav");

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public void Planning_RemovesATempFileLastWrittenLongBeforeTheRun_EvenOfALiveWriter()
    {
        var old = Leftover("talk.json", Environment.ProcessId);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));

        Plan("talk.wav");

        Assert.False(File.Exists(old));
    }

    [Fact]
    public void Planning_KeepsAFreshTempFileOfAnotherMachine_WhoseProcessesItCannotSee()
    {
        var other = Leftover("talk.json", DeadPid, host: "0badcafe");

        Plan("talk.wav");

        Assert.True(File.Exists(other));
    }

    [Fact]
    public void Planning_LeavesTheTempFilesOfTranscriptsItDoesNotPlan()
    {
        var unplanned = Leftover("other.json", DeadPid);
        var similar = Leftover("talk.json.bak", DeadPid);

        Plan("talk.wav");

        Assert.True(File.Exists(unplanned));
        Assert.True(File.Exists(similar));
    }

    [Fact]
    public void Planning_RemovesAnAbandonedClaimFile_ButNotOneALiveProcessHolds()
    {
        var abandoned = folder.WriteFile(".a.ytpipe-claim", "process 1 on a machine that died");
        using var held = OutputClaim.TryTake(OutputClaim.PathFor(folder.PathOf("b.json")), folder.PathOf("b.wav"), out _)!;

        var planner = new OutputPlanner(null, [OutputFormat.Json], force: false);
        planner.Plan(new TranscriptionInput(folder.PathOf("a.wav")));
        planner.Plan(new TranscriptionInput(folder.PathOf("b.wav")));

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(held.Path));
    }

    private void Plan(string input) =>
        new OutputPlanner(null, [OutputFormat.Json, OutputFormat.Txt], force: false).Plan(new TranscriptionInput(folder.PathOf(input)));

    private string Leftover(string target, int pid, string? host = null) =>
        folder.WriteFile($".{target}.{pid}-{host ?? TempFileName.HostTag}-1234abcd{TempFileName.Suffix}", "half a transcr");
}
