using YtPipe.Core.Download;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Download;

public sealed class YtDlpProcessTests
{
    [UnixFact]
    public async Task Output_ArrivesLineByLine_FromBothStreams_WithTheExitCode()
    {
        var stdout = new List<string>();
        var stderr = new List<string>();

        var exit = await YtDlpProcess.RunAsync("/bin/sh", ["-c", "echo one; echo 'two words'; echo oops >&2; exit 3"], null,
            line => { stdout.Add(line); return ValueTask.CompletedTask; }, line => { lock (stderr) stderr.Add(line); }, CancellationToken.None).OrTimeout();

        Assert.Equal(3, exit);
        Assert.Equal(["one", "two words"], stdout);
        Assert.Equal(["oops"], stderr);
    }

    [UnixFact]
    public async Task ACarriageReturnInsideALine_DoesNotSplitIt()
    {
        // yt-dlp writes "ERROR: \r[download] Got error: ..." to clear a progress bar first.
        var lines = new List<string>();

        await YtDlpProcess.RunAsync("/bin/sh", ["-c", "printf 'ERROR: \\r[download] Got error\\r\\nlast'"], null,
            line => { lines.Add(line); return ValueTask.CompletedTask; }, _ => { }, CancellationToken.None).OrTimeout();

        Assert.Equal(["ERROR: [download] Got error", "last"], lines);
    }

    [UnixFact]
    public async Task Arguments_AreNeverReadByAShell()
    {
        var lines = new List<string>();

        await YtDlpProcess.RunAsync("/bin/echo", ["$(id)", "a;b", "c d", "'e'"], null,
            line => { lines.Add(line); return ValueTask.CompletedTask; }, _ => { }, CancellationToken.None).OrTimeout();

        Assert.Equal(["$(id) a;b c d 'e'"], lines);
    }

    [UnixFact]
    public async Task Cancellation_KillsTheWholeTree_AndWaitsUntilItIsGone()
    {
        using var folder = new TempFolder();
        var pidFile = folder.PathOf("pids");
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        // The shell starts a grandchild and reports both pids, then waits forever.
        var script = $"sleep 300 & echo \"$$ $!\" > '{pidFile}'; echo ready; wait";

        var run = YtDlpProcess.RunAsync("/bin/sh", ["-c", script], null,
            line => { if (line == "ready") started.TrySetResult(); return ValueTask.CompletedTask; }, _ => { }, cts.Token);
        await started.Task.OrTimeout();
        var pids = File.ReadAllText(pidFile).Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.OrTimeout());
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} survived"));
    }

    [Fact]
    public async Task AProgramThatDoesNotExist_CannotBeStarted()
    {
        await Assert.ThrowsAsync<System.ComponentModel.Win32Exception>(() => YtDlpProcess.RunAsync("/nowhere/yt-dlp-" + Guid.NewGuid().ToString("N"), [], null,
            _ => ValueTask.CompletedTask, _ => { }, CancellationToken.None));
    }

    internal static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
