using System.Text.Json;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;
using YtPipe.Tests.Fakes;
using YtPipe.Tests.Support;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Batch;

public sealed class TranscriptionBatchTests : IAsyncLifetime
{
    private static readonly string[] DefaultExtensions = [".json", ".txt"];

    private readonly BatchTestBed bed = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => bed.DisposeAsync().AsTask();

    [Fact]
    public async Task EverySubmittedFile_YieldsExactlyOneResult()
    {
        bed.Start(workers: 2);
        var files = Enumerable.Range(0, 20).Select(i => bed.AddFile($"f{i:00}.wav", 1 + i % 7)).ToArray();
        bed.Submit(files);

        var results = await bed.FinishAsync();

        Assert.Equal(files.Select(f => f.Path).Order(StringComparer.Ordinal), results.Select(r => r.InputPath).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal(FileStatus.Transcribed, r.Status));
        Assert.All(results, r => Assert.InRange(r.Worker ?? -1, 0, 1));
    }

    [Fact]
    public async Task TranscribedFile_WritesJsonAndTxtFromTheSegments()
    {
        bed.Start(workers: 1);
        var talk = bed.AddFile("talk.wav", 3);
        talk.Segments = [Segment(0, 1.5, "Hello there."), Segment(1.5, 3, "General Kenobi.")];
        bed.Submit(talk);

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal(FileStatus.Transcribed, result.Status);
        Assert.Null(result.Error);
        Assert.Equal(new[] { talk.OutputPath(".json"), talk.OutputPath(".txt") }, result.OutputFiles);
        Assert.Equal(TimeSpan.FromSeconds(3), result.Duration);
        Assert.Equal("cpu", result.Device);
        Assert.Equal("fake", result.Model);
        Assert.Equal(0, result.Worker);
        Assert.Equal("Hello there. General Kenobi.", result.Transcript?.Text);
        Assert.Equal("Hello there.\nGeneral Kenobi.\n", File.ReadAllText(talk.OutputPath(".txt")));

        using var json = JsonDocument.Parse(File.ReadAllText(talk.OutputPath(".json")));
        var root = json.RootElement;
        Assert.Equal("talk", root.GetProperty("video_id").GetString());
        Assert.Equal("fake", root.GetProperty("model").GetString());
        Assert.Equal("cpu", root.GetProperty("device").GetString());
        Assert.Equal("f16", root.GetProperty("compute_type").GetString());
        Assert.Equal("en", root.GetProperty("language").GetString());
        Assert.Equal(3.0, root.GetProperty("duration").GetDouble());
        Assert.Equal(
            new[] { (0.0, 1.5, "Hello there."), (1.5, 3.0, "General Kenobi.") },
            root.GetProperty("segments").EnumerateArray()
                .Select(s => (s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(), s.GetProperty("text").GetString()!)));
    }

    [Fact]
    public async Task FileThatCannotBeProbed_FailsAlone()
    {
        var failed = await RunWithOneBrokenFile(f => f.ProbeError = new AudioDecodeException(f.Path, "it is not media"));

        Assert.Equal("AudioDecodeFailed", failed.Error?.ErrorId);
        Assert.Equal(failed.InputPath, failed.Error?.Target);
    }

    [Fact]
    public async Task FileThatCannotBeDecoded_FailsAlone()
    {
        var failed = await RunWithOneBrokenFile(f => f.DecodeError = new AudioDecodeException(f.Path, "corrupt"));

        Assert.Equal("AudioDecodeFailed", failed.Error?.ErrorId);
        Assert.Equal(failed.InputPath, failed.Error?.Target);
        Assert.Equal(TimeSpan.FromSeconds(2), failed.Duration);
    }

    [Fact]
    public async Task FileThatDecodesFarShorterThanDeclared_FailsAsTruncated()
    {
        var failed = await RunWithOneBrokenFile(f => f.DecodedDuration = TimeSpan.FromSeconds(0.5));

        Assert.Equal("AudioDecodeFailed", failed.Error?.ErrorId);
        Assert.Contains("truncated", failed.Error?.Message);
    }

    [Fact]
    public async Task TranscriberThatThrows_FailsThatFileOnly()
    {
        var boom = new InvalidOperationException("whisper.cpp fell over");

        var failed = await RunWithOneBrokenFile(f => f.TranscribeError = boom);

        Assert.Equal("TranscriptionFailed", failed.Error?.ErrorId);
        Assert.Equal(failed.InputPath, failed.Error?.Target);
        Assert.Same(boom, failed.Error?.InnerException);
        Assert.NotNull(failed.Worker);
    }

    [Fact]
    public async Task OutputThatCannotBeWritten_FailsThatFileOnly()
    {
        // A folder where the transcript should go: the final rename cannot replace it.
        var failed = await RunWithOneBrokenFile(f => Directory.CreateDirectory(f.OutputPath(".json")));

        Assert.Equal("OutputWriteFailed", failed.Error?.ErrorId);
        Assert.Equal(Path.ChangeExtension(failed.InputPath, ".json"), failed.Error?.Target);
        Assert.Empty(bed.Folder.LeftoverTempFiles());
    }

    [Fact]
    public async Task SlightlyShortDecode_IsNotTakenForTruncation()
    {
        bed.Start(workers: 1);
        var file = bed.AddFile("a.wav", 10);
        file.DecodedDuration = TimeSpan.FromSeconds(9.5);
        bed.Submit(file);

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal(FileStatus.Transcribed, result.Status);
    }

    [Fact]
    public async Task OneWorker_TranscribesLongestFirst_TiesInArrivalOrder()
    {
        bed.Start(workers: 1);
        // Hold the only decoder on a first file while the rest arrive, so they all wait in the queue.
        var release = new TaskCompletionSource();
        var first = bed.AddFile("first.wav", 4);
        first.DecodeGate = release.Task;
        bed.Submit(first);
        await first.DecodeStarted.OrTimeout();
        var queued = new[]
        {
            bed.AddFile("three.wav", 3), bed.AddFile("nine.wav", 9), bed.AddFile("b-five.wav", 5),
            bed.AddFile("seven.wav", 7), bed.AddFile("a-five.wav", 5), bed.AddFile("one.wav", 1),
        };
        bed.Submit(queued);
        // Files are probed in submission order: once the last is probed, every other one is queued.
        // The last is the shortest, so it comes last whenever it joins the queue.
        await queued[^1].ProbeStarted.OrTimeout();
        release.SetResult();

        await bed.FinishAsync();

        Assert.Equal(
            new[] { "first", "nine", "seven", "b-five", "a-five", "three", "one" },
            bed.Engine.TranscriptionOrder.Select(Path.GetFileNameWithoutExtension));
    }

    [Fact]
    public async Task WhileFilesWaitToBeProbed_NothingIsDecodedAhead_SoTheLongestProbedGoesNext()
    {
        bed.Start(workers: 1);
        var decodeFirst = new TaskCompletionSource();
        var probeLongest = new TaskCompletionSource();
        var finishFirst = new TaskCompletionSource();
        var first = bed.AddFile("first.wav", 4);
        first.DecodeGate = decodeFirst.Task;
        first.TranscribeGate = finishFirst.Task;
        var shortest = bed.AddFile("shortest.wav", 1);
        var middle = bed.AddFile("middle.wav", 2);
        // Arrives sorted by name, as a folder does: the longest last, and slow to probe.
        var longest = bed.AddFile("longest.wav", 9);
        longest.ProbeGate = probeLongest.Task;
        bed.Submit(first, shortest, middle, longest);
        await longest.ProbeStarted.OrTimeout();
        // The worker takes the first file; the two short ones are probed, the long one is not yet.
        decodeFirst.SetResult();
        await first.TranscriptionStarted.OrTimeout();
        probeLongest.SetResult();
        // Probed: now the decoder may work ahead, and takes the longest.
        await longest.DecodeStarted.OrTimeout();
        finishFirst.SetResult();

        await bed.FinishAsync();

        // Decoding ahead used to take "middle" (then "shortest") here, before "longest" was known.
        Assert.Equal(
            new[] { "first", "longest", "middle", "shortest" },
            bed.Engine.TranscriptionOrder.Select(Path.GetFileNameWithoutExtension));
    }

    [Fact]
    public async Task LongFile_DoesNotLeaveTheOtherWorkerIdle()
    {
        bed.Start(workers: 2);
        var release = new TaskCompletionSource();
        var longFile = bed.AddFile("long.wav", 8);
        longFile.TranscribeGate = release.Task;
        var shortFiles = Enumerable.Range(0, 3).Select(i => bed.AddFile($"short{i}.wav", 1)).ToArray();
        bed.Submit([longFile, .. shortFiles]);
        await longFile.TranscriptionStarted.OrTimeout();

        var shortResults = await Task.WhenAll(shortFiles.Select(f => bed.Events.ResultFor(f.Path))).OrTimeout();

        Assert.All(shortResults, r => Assert.Equal(FileStatus.Transcribed, r.Status));
        Assert.False(bed.Events.ResultFor(longFile.Path).IsCompleted, "the long file is still held in the model");
        release.SetResult();
        var results = await bed.FinishAsync();
        Assert.Equal(FileStatus.Transcribed, Assert.Single(results, r => r.InputPath == longFile.Path).Status);
    }

    [Fact]
    public async Task FilesWhoseOutputsAllExist_AreSkippedWithoutLoadingTheModel()
    {
        bed.Start(workers: 2);
        var files = new[] { bed.AddFile("a.wav", 2), bed.AddFile("sub/b.wav", 3) };
        foreach (var file in files)
        {
            File.WriteAllText(file.OutputPath(".json"), "{}");
            File.WriteAllText(file.OutputPath(".txt"), "done before");
        }
        bed.Submit(files);

        var results = await bed.FinishAsync();

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(FileStatus.Skipped, r.Status));
        Assert.All(results, r => Assert.Equal(DefaultExtensions.Select(e => Path.ChangeExtension(r.InputPath, e)), r.OutputFiles));
        Assert.Empty(bed.Engine.LoadedDevices);
        Assert.Equal(0, bed.Decoder.ProbeCount);
        Assert.All(files, f => Assert.Equal("done before", File.ReadAllText(f.OutputPath(".txt"))));
        Assert.Equal(0, bed.Batch.GetProgress().FilesTotal);
    }

    [Fact]
    public async Task WorkersOnOneDevice_ShareOneModel_EachWithItsOwnTranscriber()
    {
        bed.Start(new WorkerPlan("Test", [new WorkerSlot(0, DeviceSpec.Cpu, 3), new WorkerSlot(1, DeviceSpec.Cpu, 3)], "test"));

        await RunTwoFilesAtOnce();

        Assert.Equal(new[] { DeviceSpec.Cpu }, bed.Engine.LoadedDevices);
        var model = Assert.Single(bed.Engine.Models);
        Assert.Equal(2, model.Transcribers.Count);
        Assert.All(model.Transcribers, t => Assert.Equal(3, t.Threads));
        Assert.All(model.Transcribers, t => Assert.True(t.IsDisposed));
        Assert.True(model.IsDisposed);
    }

    [Fact]
    public async Task WorkersOnTwoDevices_LoadOneModelPerDevice()
    {
        var gpu0 = new DeviceSpec(DeviceKind.Cuda, 0);
        var gpu1 = new DeviceSpec(DeviceKind.Cuda, 1);
        bed.Start(new WorkerPlan("Test", [new WorkerSlot(0, gpu0, 1), new WorkerSlot(1, gpu1, 1)], "test"));

        var results = await RunTwoFilesAtOnce();

        Assert.Equal(new[] { "cuda:0", "cuda:1" }, bed.Engine.LoadedDevices.Select(d => d.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "cuda:0", "cuda:1" }, results.Select(r => r.Device).Order(StringComparer.Ordinal));
        Assert.All(bed.Engine.Models, m => Assert.Single(m.Transcribers));
    }

    [Fact]
    public async Task ModelThatRunsElsewhereThanAsked_ReportsWhereItRan()
    {
        bed.Engine.ReportedDevice = "cpu";
        bed.Start(new WorkerPlan("Test", [new WorkerSlot(0, new DeviceSpec(DeviceKind.Cuda, 0), 1)], "test"));
        var file = bed.AddFile("a.wav", 1);
        bed.Submit(file);

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal("cpu", result.Device);
        Assert.Equal("cpu", result.Transcript?.Device);
        Assert.Contains(bed.Events.All.OfType<BatchMessageEvent>(), m => m.Level == BatchMessageLevel.Warning && m.Text.Contains("cuda:0"));
    }

    [Fact]
    public async Task RuntimeOfTheModel_IsOnEveryResult_AndItsLoadNotesAreTold()
    {
        var native = new TranscriptionRuntime { Name = TranscriptionRuntime.NativeName, SystemInfo = "CPU : AVX512 = 1 |" };
        bed.Engine.Runtime = native;
        bed.Engine.LoadNotes = [new PlanNote(BatchMessageLevel.Warning, "the native runtime did not load")];
        bed.Start(workers: 1);
        bed.Submit(bed.AddFile("a.wav", 1));

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal(native, result.Runtime);
        Assert.Equal(native, result.Transcript?.Runtime);
        Assert.Contains(bed.Events.All.OfType<BatchMessageEvent>(), m => m.Level == BatchMessageLevel.Warning && m.Text == "the native runtime did not load");
    }

    [Fact]
    public async Task ModelThatCannotLoad_FaultsTheBatch()
    {
        var invalid = new ModelInvalidException("fake", "not a ggml file");
        bed.Engine.LoadError = invalid;
        bed.Start(workers: 2);
        var files = new[] { bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 1), bed.AddFile("c.wav", 1) };
        bed.Submit(files);
        bed.Batch.Complete();

        await bed.Events.Drained.OrTimeout();
        var error = await Assert.ThrowsAsync<ModelInvalidException>(() => bed.Batch.Completion.OrTimeout());

        Assert.Same(invalid, error);
        Assert.DoesNotContain(bed.Events.Results, r => r.Status == FileStatus.Transcribed);
        AssertNoOutputs(files);
    }

    [Fact]
    public async Task DeadBatch_RefusesFurtherFiles_WithTheFailureThatKilledIt()
    {
        var invalid = new ModelInvalidException("fake", "not a ggml file");
        bed.Engine.LoadError = invalid;
        bed.Start(workers: 1);
        bed.Submit(bed.AddFile("a.wav", 1));
        await Assert.ThrowsAsync<ModelInvalidException>(() => bed.Batch.Completion.OrTimeout());
        var late = bed.AddFile("late.wav", 1);

        Assert.Same(invalid, bed.Batch.Failure);
        var error = Assert.Throws<ModelInvalidException>(() => bed.Submit(late));
        Assert.Same(invalid, error);
        await bed.Events.Drained.OrTimeout();
        Assert.DoesNotContain(bed.Events.Results, r => r.InputPath == late.Path);
    }

    [Fact]
    public async Task SegmentTimesPastTheEnd_AreClampedInTheResultAndTheFiles()
    {
        bed.Start(workers: 1);
        var clip = bed.AddFile("short.wav", 2.5);
        clip.Segments = [new TranscriptSegment(TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(15.48), "Too long.")];
        bed.Submit(clip);

        var result = Assert.Single(await bed.FinishAsync());

        var segment = Assert.Single(result.Transcript!.Segments);
        Assert.Equal(TimeSpan.FromSeconds(2.5), segment.End);
        Assert.Contains("\"end\": 2.5", File.ReadAllText(clip.OutputPath(".json")));
    }

    [Fact]
    public async Task HealthyBatch_HasNoFailure()
    {
        bed.Start(workers: 1);
        bed.Submit(bed.AddFile("a.wav", 1));

        await bed.FinishAsync();

        Assert.Null(bed.Batch.Failure);
    }

    [Fact]
    public async Task EngineFailingUnexpectedly_StillEndsTheBatch()
    {
        var crash = new DllNotFoundException("libwhisper.so");
        bed.Engine.LoadError = crash;
        bed.Start(workers: 1);
        // One file in the worker, one in the decoded channel, one the decoder is trying to hand over.
        bed.Submit(bed.AddFile("a.wav", 3), bed.AddFile("b.wav", 2), bed.AddFile("c.wav", 1));
        bed.Batch.Complete();

        var error = await Assert.ThrowsAsync<DllNotFoundException>(() => bed.Batch.Completion.OrTimeout());

        Assert.Same(crash, error);
        await bed.Events.Drained.OrTimeout();
    }

    [Fact]
    public async Task Cancel_WhileTranscribing_EndsCleanlyAndLeavesNothingHalfWritten()
    {
        bed.Start(workers: 1);
        var done = bed.AddFile("done.wav", 1);
        bed.Submit(done);
        Assert.Equal(FileStatus.Transcribed, (await bed.Events.ResultFor(done.Path).OrTimeout()).Status);
        var stuck = bed.AddFile("stuck.wav", 5);
        stuck.TranscribeGate = new TaskCompletionSource().Task;
        bed.Submit(stuck);
        await stuck.TranscriptionStarted.OrTimeout();
        var waiting = bed.AddFile("waiting.wav", 3);
        bed.Submit(waiting);

        bed.Batch.Cancel();
        await bed.Events.Drained.OrTimeout();
        await bed.Batch.Completion.OrTimeout();

        Assert.True(bed.Batch.IsCancelled);
        Assert.True(bed.Batch.Completion.IsCompletedSuccessfully);
        Assert.Equal(new[] { done.Path }, bed.Events.Results.Select(r => r.InputPath));
        Assert.All(DefaultExtensions, e => Assert.True(File.Exists(done.OutputPath(e))));
        AssertNoOutputs(stuck, waiting);
        Assert.Empty(bed.Folder.LeftoverTempFiles());
    }

    [Fact]
    public async Task SomeOutputsExist_OnlyTheMissingOnesAreWritten()
    {
        bed.Start(workers: 1);
        var file = bed.AddFile("a.wav", 2);
        File.WriteAllText(file.OutputPath(".json"), "written by an earlier run\n");
        var plan = bed.Plan(file);
        Assert.Equal(new[] { OutputFormat.Txt }, plan.ToWrite);
        bed.Batch.Submit(plan);

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal(FileStatus.Transcribed, result.Status);
        Assert.Equal("written by an earlier run\n", File.ReadAllText(file.OutputPath(".json")));
        Assert.Equal("Words of a.\n", File.ReadAllText(file.OutputPath(".txt")));
        Assert.Equal(new[] { file.OutputPath(".json"), file.OutputPath(".txt") }, result.OutputFiles);
    }

    [Fact]
    public async Task Force_RewritesEveryOutput()
    {
        bed.Start(workers: 1, new BatchOptions { Force = true });
        var file = bed.AddFile("a.wav", 2);
        File.WriteAllText(file.OutputPath(".json"), "old");
        File.WriteAllText(file.OutputPath(".txt"), "old");
        bed.Submit(file);

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Equal(FileStatus.Transcribed, result.Status);
        Assert.Equal("Words of a.\n", File.ReadAllText(file.OutputPath(".txt")));
        using var json = JsonDocument.Parse(File.ReadAllText(file.OutputPath(".json")));
        Assert.Equal("a", json.RootElement.GetProperty("video_id").GetString());
    }

    [Fact]
    public async Task Progress_WhileAFileIsInTheModel_ShowsItOnItsWorker()
    {
        bed.Start(workers: 1);
        var release = new TaskCompletionSource();
        var file = bed.AddFile("a.wav", 4);
        file.TranscribeGate = release.Task;
        bed.Submit(file);
        await file.TranscriptionStarted.OrTimeout();

        var progress = bed.Batch.GetProgress();

        Assert.Equal(1, progress.FilesTotal);
        Assert.Equal(0, progress.FilesDone);
        Assert.Equal(TimeSpan.FromSeconds(4), progress.AudioTotal);
        Assert.Equal(file.Path, Assert.Single(progress.Workers).CurrentFile);
        release.SetResult();
        await bed.FinishAsync();
    }

    [Fact]
    public async Task Progress_AfterTheBatch_AddsUp()
    {
        bed.Start(workers: 2);
        var broken = bed.AddFile("broken.wav", 5);
        broken.DecodeError = new AudioDecodeException(broken.Path, "corrupt");
        var skipped = bed.AddFile("skipped.wav", 7);
        File.WriteAllText(skipped.OutputPath(".json"), "{}");
        File.WriteAllText(skipped.OutputPath(".txt"), "");
        bed.Submit(bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 3), broken, skipped);

        var results = await bed.FinishAsync();
        var progress = bed.Batch.GetProgress();

        Assert.Equal(4, results.Count);
        Assert.Equal(3, progress.FilesTotal);
        Assert.Equal(3, progress.FilesDone);
        Assert.Equal(TimeSpan.FromSeconds(10), progress.AudioTotal);
        Assert.Equal(TimeSpan.FromSeconds(10), progress.AudioDone);
        Assert.Equal(1.0, progress.Fraction);
        Assert.Null(progress.Remaining);
        Assert.Equal(2, progress.Workers.Count);
        Assert.All(progress.Workers, w => Assert.Null(w.CurrentFile));
    }

    /// <summary>Runs three files, breaking the middle one; checks that it alone fails and returns its result.</summary>
    private async Task<FileResult> RunWithOneBrokenFile(Action<FakeAudioFile> breakIt)
    {
        bed.Start(workers: 2);
        var good = new[] { bed.AddFile("a.wav", 3), bed.AddFile("c.wav", 1) };
        var bad = bed.AddFile("bad.wav", 2);
        breakIt(bad);
        bed.Submit(good[0], bad, good[1]);

        var results = await bed.FinishAsync();

        Assert.Equal(3, results.Count);
        var failed = Assert.Single(results, r => r.Status == FileStatus.Failed);
        Assert.Equal(bad.Path, failed.InputPath);
        Assert.Empty(failed.OutputFiles);
        AssertNoOutputs(bad);
        Assert.All(good, f => Assert.Equal(FileStatus.Transcribed, Assert.Single(results, r => r.InputPath == f.Path).Status));
        Assert.All(good, f => Assert.All(DefaultExtensions, e => Assert.True(File.Exists(f.OutputPath(e)))));
        return failed;
    }

    /// <summary>Two files that are in the model at the same time, so both workers take part.</summary>
    private async Task<IReadOnlyList<FileResult>> RunTwoFilesAtOnce()
    {
        var release = new TaskCompletionSource();
        var files = new[] { bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 1) };
        foreach (var file in files) file.TranscribeGate = release.Task;
        bed.Submit(files);
        await Task.WhenAll(files.Select(f => f.TranscriptionStarted)).OrTimeout();
        release.SetResult();
        var results = await bed.FinishAsync();
        Assert.All(results, r => Assert.Equal(FileStatus.Transcribed, r.Status));
        return results;
    }

    private static void AssertNoOutputs(params FakeAudioFile[] files) =>
        Assert.All(files, f => Assert.All(DefaultExtensions, e => Assert.False(File.Exists(f.OutputPath(e)), $"{f.OutputPath(e)} exists")));
}
