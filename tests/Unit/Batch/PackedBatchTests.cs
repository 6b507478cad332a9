using System.Text.Json;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;
using YtPipe.Tests.Fakes;
using YtPipe.Tests.Support;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Batch;

/// <summary>-ShortClip Pack in a batch: short files share transcriptions, and each still ends as its own file.</summary>
public sealed class PackedBatchTests : IAsyncLifetime
{
    private static readonly TranscriptionOptions Pack = BatchTestBed.Transcription with { ShortClip = ShortClipMode.Pack };

    private readonly BatchTestBed bed = new();

    public PackedBatchTests() => bed.Decoder.MarkClips = true;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => bed.DisposeAsync().AsTask();

    [Fact]
    public async Task SixShortFiles_CostOneOrTwoTranscriptions_AndEachGetsItsOwnTimesAndFiles()
    {
        bed.Start(workers: 2, transcription: Pack);
        var files = new[] { 3.0, 2.5, 1.0, 2.0, 1.5, 3.0 }.Select((s, i) => bed.AddFile($"clip{i}.wav", s)).ToArray();
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            var end = file.Duration.TotalSeconds;
            file.Segments = [Segment(0.25, end / 2, $"First of {i}."), Segment(end / 2, end, $"Second of {i}.")];
        }
        files[2].Segments = [new TranscriptSegment(Seconds(0.1), Seconds(0.9), "Hi there.", 0.8f,
            [new TranscriptWord(Seconds(0.1), Seconds(0.4), "Hi"), new TranscriptWord(Seconds(0.4), Seconds(0.9), "there.")])];
        bed.Submit(files);

        var results = await bed.FinishAsync();

        Assert.InRange(bed.Engine.TranscribeCalls, 1, 2);
        Assert.Equal(6, results.Count);
        foreach (var file in files)
        {
            var result = Assert.Single(results, r => r.InputPath == file.Path);
            Assert.Equal(FileStatus.Transcribed, result.Status);
            Assert.Equal(file.Duration, result.Duration);
            Assert.Equal(file.Segments.Select(s => (s.Start, s.End, s.Text)), result.Transcript!.Segments.Select(s => (s.Start, s.End, s.Text)));
            Assert.True(File.Exists(file.OutputPath(".txt")));
            using var json = JsonDocument.Parse(File.ReadAllText(file.OutputPath(".json")));
            Assert.Equal(file.Duration.TotalSeconds, json.RootElement.GetProperty("duration").GetDouble());
            Assert.Equal(file.Segments[^1].End.TotalSeconds, json.RootElement.GetProperty("segments").EnumerateArray().Last().GetProperty("end").GetDouble());
        }
        var words = Assert.Single(results, r => r.InputPath == files[2].Path).Transcript!.Segments.Single().Words;
        Assert.NotNull(words);
        Assert.Equal([(Seconds(0.1), Seconds(0.4)), (Seconds(0.4), Seconds(0.9))], words.Select(w => (w.Start, w.End)));
    }

    [Fact]
    public async Task AFileThatCannotBeDecoded_FailsAlone_AndTheOthersArePackedTogether()
    {
        bed.Start(workers: 1, transcription: Pack);
        var good = new[] { bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 1), bed.AddFile("c.wav", 3) };
        var bad = bed.AddFile("bad.wav", 2);
        bad.DecodeError = new AudioDecodeException(bad.Path, "corrupt");
        bed.Submit([good[0], bad, good[1], good[2]]);

        var results = await bed.FinishAsync();

        Assert.Equal(1, bed.Engine.TranscribeCalls);
        Assert.Equal("AudioDecodeFailed", Assert.Single(results, r => r.Status == FileStatus.Failed).Error?.ErrorId);
        Assert.All(good, f => Assert.Equal(FileStatus.Transcribed, Assert.Single(results, r => r.InputPath == f.Path).Status));
        Assert.False(File.Exists(bad.OutputPath(".json")));
    }

    [Fact]
    public async Task AFailedPackTranscription_FailsEachOfItsFiles_WithTheSameError()
    {
        bed.Start(workers: 1, transcription: Pack);
        var files = new[] { bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 1), bed.AddFile("c.wav", 3) };
        var boom = new InvalidOperationException("whisper.cpp fell over");
        files[1].TranscribeError = boom;
        bed.Submit(files);

        var results = await bed.FinishAsync();

        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(FileStatus.Failed, r.Status);
            Assert.Equal("TranscriptionFailed", r.Error?.ErrorId);
            Assert.Equal(r.InputPath, r.Error?.Target);
            Assert.Same(boom, r.Error?.InnerException);
        });
        Assert.All(files, f => Assert.False(File.Exists(f.OutputPath(".json"))));
    }

    [Fact]
    public async Task AFileWhoseTranscriptCannotBeWritten_FailsAlone_InItsPack()
    {
        bed.Start(workers: 1, transcription: Pack);
        var files = new[] { bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 1), bed.AddFile("c.wav", 3) };
        Directory.CreateDirectory(files[1].OutputPath(".json"));
        bed.Submit(files);

        var results = await bed.FinishAsync();

        Assert.Equal(1, bed.Engine.TranscribeCalls);
        Assert.Equal("OutputWriteFailed", Assert.Single(results, r => r.Status == FileStatus.Failed && r.InputPath == files[1].Path).Error?.ErrorId);
        Assert.Equal(2, results.Count(r => r.Status == FileStatus.Transcribed));
        Assert.Empty(bed.Folder.LeftoverTempFiles());
    }

    [Fact]
    public async Task AFileTooLongToPack_IsTranscribedAlone()
    {
        bed.Start(workers: 1, transcription: Pack);
        var files = new[] { bed.AddFile("long.wav", 20), bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 1) };
        bed.Submit(files);

        var results = await bed.FinishAsync();

        Assert.Equal(2, bed.Engine.TranscribeCalls);
        Assert.All(results, r => Assert.Equal(FileStatus.Transcribed, r.Status));
        Assert.Equal(files[0].Segments.Single().End, Assert.Single(results, r => r.InputPath == files[0].Path).Transcript!.Segments.Single().End);
    }

    [Fact]
    public async Task WithoutPack_EachShortFileIsItsOwnTranscription()
    {
        bed.Start(workers: 1);
        bed.Submit([bed.AddFile("a.wav", 2), bed.AddFile("b.wav", 1)]);

        await bed.FinishAsync();

        Assert.Equal(2, bed.Engine.TranscribeCalls);
    }
}
