using System.Text.Json;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Reporting;
using YtPipe.Core.Sharding;
using YtPipe.Tests.Batch;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Reporting;

/// <summary>What a batch leaves for the report: the shard in results and transcripts, failure records that a success removes.</summary>
public sealed class ReportingBatchTests
{
    [Fact]
    public async Task AShardedBatch_PutsItsShardInEveryResult_AndInTheJsonTranscript()
    {
        await using var bed = new BatchTestBed();
        var ok = bed.AddFile("ok.wav", 2);
        var bad = bed.AddFile("bad.wav", 2);
        bad.DecodeError = new AudioDecodeException(bad.Path, "broken");
        bed.Start(1, new BatchOptions { Shard = new ShardSpec(1, 3) });
        bed.Submit(ok, bad);

        var results = await bed.FinishAsync();

        Assert.All(results, r => Assert.Equal("1/3", r.Shard));
        using var json = JsonDocument.Parse(File.ReadAllText(bed.Folder.PathOf("ok.json")));
        Assert.Equal("1/3", json.RootElement.GetProperty("shard").GetString());
        Assert.True(json.RootElement.GetProperty("elapsed").GetDouble() >= 0);
    }

    [Fact]
    public async Task AnUnshardedBatch_WritesANullShard()
    {
        await using var bed = new BatchTestBed();
        var ok = bed.AddFile("ok.wav", 2);
        bed.Start(1);
        bed.Submit(ok);

        var result = Assert.Single(await bed.FinishAsync());

        Assert.Null(result.Shard);
        using var json = JsonDocument.Parse(File.ReadAllText(bed.Folder.PathOf("ok.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("shard").ValueKind);
    }

    [Fact]
    public async Task AFailedFile_LeavesAFailureRecord_ThatTheReportReads()
    {
        await using var bed = new BatchTestBed();
        var bad = bed.AddFile("bad.wav", 2);
        bad.TranscribeError = new InvalidOperationException("whisper fell over");
        bed.Start(1, new BatchOptions { Shard = new ShardSpec(0, 2) });
        bed.Submit(bad);

        Assert.Equal(FileStatus.Failed, Assert.Single(await bed.FinishAsync()).Status);

        var entry = Assert.Single(ReportReader.Read(bed.Folder.Path).Entries);
        Assert.Equal(FileStatus.Failed, entry.Status);
        Assert.Equal(bad.Path, entry.InputPath);
        Assert.Equal("TranscriptionFailed", entry.ErrorId);
        Assert.Equal("0/2", entry.Shard);
        Assert.Equal(TimeSpan.FromSeconds(2), entry.Duration);
    }

    [Fact]
    public async Task ALaterSuccess_RemovesTheFailureRecord()
    {
        await using var first = new BatchTestBed();
        var file = first.AddFile("flaky.wav", 2);
        file.TranscribeError = new InvalidOperationException("out of memory");
        first.Start(1);
        first.Submit(file);
        await first.FinishAsync();
        var record = RunRecords.PathFor(first.Folder.PathOf("flaky"), RunRecords.FailedSuffix);
        Assert.True(File.Exists(record));

        // The same folder, a second batch: the file now transcribes.
        file.TranscribeError = null;
        await using var second = new BatchTestBedOver(first);
        var result = await second.RunAsync(file.Path);

        Assert.Equal(FileStatus.Transcribed, result.Status);
        Assert.False(File.Exists(record));
        Assert.Equal(FileStatus.Transcribed, Assert.Single(ReportReader.Read(first.Folder.Path).Entries).Status);
    }

    [Fact]
    public async Task WithoutJson_ATranscribedFileGetsARecord_WithJson_None()
    {
        await using var bed = new BatchTestBed();
        var plain = bed.AddFile("plain.wav", 2);
        bed.Start(1, new BatchOptions { Formats = [OutputFormat.Srt] });
        bed.Submit(plain);

        await bed.FinishAsync();

        Assert.True(File.Exists(bed.Folder.PathOf("plain" + RunRecords.TranscribedSuffix)));
        Assert.Equal(FileStatus.Transcribed, Assert.Single(ReportReader.Read(bed.Folder.Path).Entries).Status);
    }

    /// <summary>A second batch over a first bed's folder and fakes (a rerun).</summary>
    private sealed class BatchTestBedOver(BatchTestBed first) : IAsyncDisposable
    {
        private TranscriptionBatch? batch;

        public async Task<FileResult> RunAsync(string path)
        {
            batch = new TranscriptionBatch(new BatchOptions(), BatchTestBed.Transcription, BatchTestBed.CpuWorkers(1), first.Engine, first.Decoder);
            var events = new BatchEventCollector(batch.Events);
            batch.Submit(batch.Plan(new TranscriptionInput(path))!);
            batch.Complete();
            await events.Drained.OrTimeout();
            await batch.Completion.OrTimeout();
            return Assert.Single(events.Results);
        }

        public async ValueTask DisposeAsync()
        {
            if (batch is not null) await batch.DisposeAsync();
        }
    }
}
