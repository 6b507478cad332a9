using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Reporting;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Reporting;

public sealed class ReportReaderTests : IDisposable
{
    private static readonly OutputFormat[] Default = [OutputFormat.Json, OutputFormat.Txt];
    private readonly TempFolder folder = new();
    private readonly List<BatchEvent> warnings = [];

    public void Dispose() => folder.Dispose();

    private string Out => folder.PathOf("out");

    private OutputPlan Plan(string relativeStem, IReadOnlyList<OutputFormat> formats) =>
        new(new TranscriptionInput($"/media/{relativeStem}.wav"),
            formats.ToDictionary(f => f, f => System.IO.Path.Combine(Out, relativeStem + TranscriptWriters.Extension(f))),
            formats.ToList());

    // What a run does when a file is transcribed: its transcripts, then its records.
    private void Transcribed(string relativeStem, IReadOnlyList<OutputFormat> formats, string? shard = null, double seconds = 2.5)
    {
        var plan = Plan(relativeStem, formats);
        var transcript = TestTranscripts.TwoSegments with
        {
            SourcePath = plan.Input.FilePath,
            Duration = TestTranscripts.Seconds(seconds),
            Shard = shard,
            Elapsed = TimeSpan.FromSeconds(1.25),
        };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(plan.Paths.Values.First())!);
        TranscriptFiles.Write(plan.Paths, formats, transcript, overwrite: true);
        RunRecords.Update(plan, new FileResult
        {
            InputPath = plan.Input.FilePath,
            Status = FileStatus.Transcribed,
            Transcript = transcript,
            Duration = transcript.Duration,
            Elapsed = TimeSpan.FromSeconds(1.5),
            Model = "base.en",
            Device = "cpu",
            Shard = shard,
        }, formats, warnings.Add);
    }

    private void Failed(string relativeStem, IReadOnlyList<OutputFormat> formats, string? shard = null) =>
        RunRecords.Update(Plan(relativeStem, formats), new FileResult
        {
            InputPath = $"/media/{relativeStem}.wav",
            Status = FileStatus.Failed,
            Error = new AudioDecodeException($"/media/{relativeStem}.wav", "it is not a media file"),
            Model = "base.en",
            Shard = shard,
        }, formats, warnings.Add);

    [Fact]
    public void ATranscribedFile_IsReadFromItsJsonTranscript_WithShardAndElapsed()
    {
        Transcribed("talk", Default, shard: "1/3");

        var entry = Assert.Single(ReportReader.Read(Out).Entries);

        Assert.Equal("talk", entry.Name);
        Assert.Equal("/media/talk.wav", entry.InputPath);
        Assert.Equal(FileStatus.Transcribed, entry.Status);
        Assert.Equal("en", entry.Language);
        Assert.Equal(TimeSpan.FromSeconds(2.5), entry.Duration);
        Assert.Equal("base.en", entry.Model);
        Assert.Equal("cpu", entry.Device);
        Assert.Equal("f16", entry.ComputeType);
        Assert.Equal("1/3", entry.Shard);
        Assert.Equal(TimeSpan.FromSeconds(1.25), entry.Elapsed);
        Assert.Equal([System.IO.Path.Combine(Out, "talk.json"), System.IO.Path.Combine(Out, "talk.txt")], entry.OutputFiles);
        Assert.Empty(warnings);
        // With JSON asked for, a success adds no record file.
        Assert.False(File.Exists(System.IO.Path.Combine(Out, "talk" + RunRecords.TranscribedSuffix)));
    }

    [Fact]
    public void AFailedFile_IsReadFromItsFailureRecord()
    {
        Failed("broken", Default, shard: "0/2");

        var entry = Assert.Single(ReportReader.Read(Out).Entries);

        Assert.Equal("broken", entry.Name);
        Assert.Equal(FileStatus.Failed, entry.Status);
        Assert.Equal("/media/broken.wav", entry.InputPath);
        Assert.Equal("AudioDecodeFailed", entry.ErrorId);
        Assert.Contains("not a media file", entry.ErrorMessage);
        Assert.Equal("0/2", entry.Shard);
        Assert.Empty(entry.OutputFiles);
    }

    [Fact]
    public void ASuccessAfterAFailure_RemovesTheFailureRecord()
    {
        Failed("retry", Default);
        Transcribed("retry", Default);

        var entry = Assert.Single(ReportReader.Read(Out).Entries);

        Assert.Equal(FileStatus.Transcribed, entry.Status);
        Assert.False(File.Exists(RunRecords.PathFor(System.IO.Path.Combine(Out, "retry"), RunRecords.FailedSuffix)));
    }

    [Fact]
    public void AFailureAfterATranscript_ReportsTheLastAttempt_AndKeepsTheOldTranscripts()
    {
        // A -Force rerun that failed: the old transcripts stay, the row says the last attempt failed.
        Transcribed("forced", Default);
        Failed("forced", Default);

        var entry = Assert.Single(ReportReader.Read(Out).Entries);

        Assert.Equal(FileStatus.Failed, entry.Status);
        Assert.Equal(2, entry.OutputFiles.Count);
    }

    [Fact]
    public void ASkippedFile_IsReportedAsItWasTranscribed()
    {
        Transcribed("done", Default, shard: "2/3");
        var before = Directory.GetFiles(Out).ToDictionary(f => f, File.ReadAllText);

        // A later run (another shard count, no shard) skips it: its records are left alone.
        RunRecords.Update(Plan("done", Default), new FileResult { InputPath = "/media/done.wav", Status = FileStatus.Skipped, Model = "base.en" },
            Default, warnings.Add);

        Assert.Equal(before, Directory.GetFiles(Out).ToDictionary(f => f, File.ReadAllText));
        var entry = Assert.Single(ReportReader.Read(Out).Entries);
        Assert.Equal(FileStatus.Transcribed, entry.Status);
        Assert.Equal("2/3", entry.Shard);
    }

    [Theory]
    [InlineData(OutputFormat.Txt)]
    [InlineData(OutputFormat.Srt)]
    [InlineData(OutputFormat.Vtt)]
    public void WithoutJson_ATranscribedRecordCarriesTheSameFields(OutputFormat format)
    {
        Transcribed("plain", [format], shard: "0/1");

        var entry = Assert.Single(ReportReader.Read(Out).Entries);

        Assert.Equal(FileStatus.Transcribed, entry.Status);
        Assert.Equal("/media/plain.wav", entry.InputPath);
        Assert.Equal("en", entry.Language);
        Assert.Equal(TimeSpan.FromSeconds(2.5), entry.Duration);
        Assert.Equal("0/1", entry.Shard);
        Assert.Equal(TimeSpan.FromSeconds(1.5), entry.Elapsed);
        Assert.Equal([System.IO.Path.Combine(Out, "plain" + TranscriptWriters.Extension(format))], entry.OutputFiles);
        Assert.EndsWith(RunRecords.TranscribedSuffix, entry.RecordPath);
    }

    [Fact]
    public void MixedFormatsAndSubFolders_GiveOneRowPerInput_InNameOrder()
    {
        Transcribed("b/second", Default);
        Transcribed("a", [OutputFormat.Srt]);
        Failed("b/third", [OutputFormat.Vtt]);
        Transcribed("c", [OutputFormat.Json]);

        var entries = ReportReader.Read(Out).Entries;

        Assert.Equal(["a", "b/second", "b/third", "c"], entries.Select(e => e.Name));
        Assert.Equal([FileStatus.Transcribed, FileStatus.Transcribed, FileStatus.Failed, FileStatus.Transcribed], entries.Select(e => e.Status));
    }

    [Fact]
    public void FilesThatAreNotTranscriptsOrRecords_AreLeftOut()
    {
        Transcribed("talk", Default);
        // Beside the inputs: yt-dlp's info JSON, a text file of the user's, hidden temporaries and claims.
        folder.WriteFile("out/talk.info.json", """{"id": "abc", "title": "A talk"}""");
        folder.WriteFile("out/README.txt", "notes");
        folder.WriteFile("out/.talk.json.123-abc-def.ytpipe-tmp", "{ half");
        folder.WriteFile("out/.talk.ytpipe-claim", "process 1");
        folder.WriteFile("out/.ytpipe-staging/x/y.json", """{"segments": []}""");

        var report = ReportReader.Read(Out);

        Assert.Equal(["talk"], report.Entries.Select(e => e.Name));
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void AnUnreadableRecord_IsAProblem_NotAnEntry()
    {
        Transcribed("good", Default);
        var bad = folder.WriteFile("out/bad" + RunRecords.FailedSuffix, "{ not json");
        var strange = folder.WriteFile("out/odd" + RunRecords.FailedSuffix, """{"ytpipe_record": 1}""");

        var report = ReportReader.Read(Out);

        Assert.Equal(["good"], report.Entries.Select(e => e.Name));
        Assert.Equal([bad, strange], report.Problems.Select(p => p.Path).Order());
    }

    [Fact]
    public void AnInputNamedLikeARecord_IsStillATranscript()
    {
        // The transcript of "talk.ytpipe.wav" is "talk.ytpipe.json": told apart by what it holds.
        Transcribed("talk.ytpipe", Default);

        var entry = Assert.Single(ReportReader.Read(Out).Entries);

        Assert.Equal("talk.ytpipe", entry.Name);
        Assert.Equal(FileStatus.Transcribed, entry.Status);
    }

    [Fact]
    public void AStemAtTheNameLimit_GetsAShortenedRecordName_AndReportsItsFullName()
    {
        var stem = new string('s', 250);
        Failed(stem, Default);

        var entry = Assert.Single(ReportReader.Read(Out).Entries);

        Assert.Equal(stem, entry.Name);
        Assert.True(System.IO.Path.GetFileName(entry.RecordPath).Length <= FileNameShortener.MaxNameBytes);
    }

    [Fact]
    public void ARecordThatCannotBeWritten_IsAWarning_NotAFailure()
    {
        // The transcripts' folder is a file: neither transcripts nor records can go there.
        folder.WriteFile("out", "a file where a folder should be");

        Failed("x", Default);

        var warning = Assert.IsType<BatchMessageEvent>(Assert.Single(warnings));
        Assert.Equal(BatchMessageLevel.Warning, warning.Level);
        Assert.Contains("/media/x.wav", warning.Text);
    }

    [Fact]
    public void AMissingFolder_IsInputNotFound()
    {
        var e = Assert.Throws<InputNotFoundException>(() => ReportReader.Read(folder.PathOf("nowhere")));

        Assert.Equal("InputNotFound", e.ErrorId);
    }

    [Fact]
    public void Totals_CountStatusesAudioShardsAndFailures()
    {
        Transcribed("a", Default, shard: "0/2", seconds: 2);
        Transcribed("b", Default, shard: "1/2", seconds: 3);
        Failed("c", Default, shard: "1/2");
        Failed("d", Default, shard: "0/2");

        var totals = ReportReader.Read(Out).Totals;

        Assert.Equal(4, totals.Files);
        Assert.Equal(2, totals.Transcribed);
        Assert.Equal(2, totals.Failed);
        Assert.Equal(TimeSpan.FromSeconds(5), totals.Audio);
        Assert.Equal(TimeSpan.FromSeconds(2.5), totals.Elapsed);
        Assert.Equal(["0/2", "1/2"], totals.Shards);
        Assert.Equal(["base.en"], totals.Models);
        Assert.Equal([new KeyValuePair<string, int>("AudioDecodeFailed", 2)], totals.FailuresByErrorId);
    }
}
