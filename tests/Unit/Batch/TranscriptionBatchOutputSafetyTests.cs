using YtPipe.Core.Batch;
using YtPipe.Core.Output;
using YtPipe.Tests.Fakes;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Batch;

/// <summary>Another process over the same folder: claims keep two off one file, and losing a race is no failure.</summary>
public sealed class TranscriptionBatchOutputSafetyTests : IAsyncLifetime
{
    private static readonly EnumerationOptions Everything = new() { RecurseSubdirectories = true, AttributesToSkip = 0 };

    private readonly BatchTestBed bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => bed.DisposeAsync().AsTask();

    [Fact]
    public async Task AFileWhoseClaimAnotherProcessHolds_IsSkippedNamingTheHolder_AndNeverDecoded()
    {
        bed.Start(workers: 1);
        var held = bed.AddFile("held.wav", 2);
        var free = bed.AddFile("free.wav", 1);
        // A claim this test holds shuts the batch out as another process's would (FileShare.None, flock).
        using var other = OutputClaim.TryTake(OutputClaim.PathFor(held.OutputPath(".json")), "/elsewhere/held.wav", out _)!;
        bed.Submit(held, free);

        var results = await bed.FinishAsync();

        var skipped = Assert.Single(results, r => r.InputPath == held.Path);
        Assert.Equal(FileStatus.Skipped, skipped.Status);
        Assert.Null(skipped.Error);
        Assert.Contains("/elsewhere/held.wav", skipped.SkipReason);
        Assert.Contains($"process {Environment.ProcessId}", skipped.SkipReason);
        Assert.False(held.DecodeStarted.IsCompleted);
        Assert.False(File.Exists(held.OutputPath(".json")));
        Assert.Equal(FileStatus.Transcribed, Assert.Single(results, r => r.InputPath == free.Path).Status);
        Assert.Equal(new[] { other.Path }, ClaimFiles());
    }

    [Fact]
    public async Task TranscriptsAnotherProcessLandedWhileThisOneTranscribed_AreASkip_NotAFailure()
    {
        var talk = await TranscribeWhileAnotherProcessLands(".json", ".txt");

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal(FileStatus.Skipped, result.Status);
        Assert.Null(result.Error);
        Assert.Equal(new[] { talk.OutputPath(".json"), talk.OutputPath(".txt") }, result.OutputFiles);
        Assert.Equal("theirs", File.ReadAllText(talk.OutputPath(".json")));
        Assert.Empty(bed.Folder.LeftoverTempFiles());
        Assert.Empty(ClaimFiles());
    }

    [Fact]
    public async Task OneTranscriptAnotherProcessLandedFirst_IsKept_AndTheOthersAreWritten()
    {
        var talk = await TranscribeWhileAnotherProcessLands(".json");

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal(FileStatus.Transcribed, result.Status);
        Assert.Equal("theirs", File.ReadAllText(talk.OutputPath(".json")));
        Assert.Equal("Words of talk.\n", File.ReadAllText(talk.OutputPath(".txt")));
    }

    [Fact]
    public async Task TranscriptsThatAppearBeforeTheClaimIsTaken_AreSkippedWithoutDecoding()
    {
        bed.Start(workers: 1);
        var first = bed.AddFile("first.wav", 5);
        var decodeFirst = new TaskCompletionSource();
        first.DecodeGate = decodeFirst.Task;
        var second = bed.AddFile("second.wav", 1);
        bed.Submit(first, second);
        await first.DecodeStarted.OrTimeout();
        // Another process finishes the second file while this one's only decoder is busy.
        File.WriteAllText(second.OutputPath(".json"), "theirs");
        File.WriteAllText(second.OutputPath(".txt"), "theirs");

        decodeFirst.SetResult();
        var results = await bed.FinishAsync();

        var skipped = Assert.Single(results, r => r.InputPath == second.Path);
        Assert.Equal(FileStatus.Skipped, skipped.Status);
        Assert.False(second.DecodeStarted.IsCompleted);
        Assert.Equal("theirs", File.ReadAllText(second.OutputPath(".txt")));
        Assert.Equal(FileStatus.Transcribed, Assert.Single(results, r => r.InputPath == first.Path).Status);
        Assert.Empty(ClaimFiles());
    }

    [Fact]
    public async Task Cancel_ReleasesTheClaimsOfFilesInTheModelAndInTheQueues()
    {
        bed.Start(workers: 1);
        var stuck = bed.AddFile("stuck.wav", 5);
        stuck.TranscribeGate = new TaskCompletionSource().Task;
        var waiting = bed.AddFile("waiting.wav", 3);
        bed.Submit(stuck, waiting);
        await Task.WhenAll(stuck.TranscriptionStarted, waiting.DecodeStarted).OrTimeout();
        Assert.Equal(2, ClaimFiles().Count);

        bed.Batch.Cancel();
        await bed.Events.Drained.OrTimeout();
        await bed.Batch.Completion.OrTimeout();

        Assert.Empty(ClaimFiles());
        // Released for real: this process can take them again.
        using var again = OutputClaim.TryTake(OutputClaim.PathFor(stuck.OutputPath(".json")), stuck.Path, out _);
        Assert.NotNull(again);
    }

    /// <summary>Lets talk.wav reach the model, then lands "theirs" at <paramref name="extensions"/> as another process would, then lets it finish.</summary>
    private async Task<FakeAudioFile> TranscribeWhileAnotherProcessLands(params string[] extensions)
    {
        bed.Start(workers: 1);
        var talk = bed.AddFile("talk.wav", 2);
        var release = new TaskCompletionSource();
        talk.TranscribeGate = release.Task;
        bed.Submit(talk);
        await talk.TranscriptionStarted.OrTimeout();
        foreach (var extension in extensions)
        {
            File.WriteAllText(talk.OutputPath(extension), "theirs");
        }
        release.SetResult();
        return talk;
    }

    private List<string> ClaimFiles() =>
        Directory.EnumerateFiles(bed.Folder.Path, "*" + OutputClaim.Suffix, Everything).ToList();
}
