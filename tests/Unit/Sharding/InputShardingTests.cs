using YtPipe.Core.Batch;
using YtPipe.Core.Sharding;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Sharding;

public sealed class InputShardingTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Media(string relative, int bytes) => folder.WriteFile(relative, new string('x', bytes));

    [Fact]
    public void TheShardsOfAFolder_TakeEveryFileOnce_WhateverOrderTheyCameIn()
    {
        var files = Enumerable.Range(0, 12).Select(i => Media($"audio/{(i % 3 == 0 ? "sub/" : "")}f{i:00}.mp3", 100 + i * 37)).ToList();
        var root = folder.PathOf("audio");
        var inputs = files.Select(f => new TranscriptionInput(f, root)).ToList();
        var reversed = Enumerable.Reverse(inputs).ToList();

        var taken = Enumerable.Range(0, 3).SelectMany(k => InputSharding.Select(inputs, new ShardSpec(k, 3)).Mine).Select(i => i.FilePath).ToList();
        var takenReversed = Enumerable.Range(0, 3).Select(k => InputSharding.Select(reversed, new ShardSpec(k, 3)).Mine.Select(i => i.FilePath).Order()).ToList();

        Assert.Equal(files.Order(), taken.Order());
        Assert.Equal(Enumerable.Range(0, 3).Select(k => InputSharding.Select(inputs, new ShardSpec(k, 3)).Mine.Select(i => i.FilePath).Order()), takenReversed);
    }

    [Fact]
    public void AFileGivenTwice_CountsOnce()
    {
        var a = Media("a.wav", 10);
        var b = Media("b.wav", 20);

        var selection = InputSharding.Select([new(a), new(b), new(a)], new ShardSpec(0, 1));

        Assert.Equal(2, selection.TotalFiles);
        Assert.Equal([a, b], selection.Mine.Select(i => i.FilePath));
        Assert.Equal(30, selection.TotalBytes);
        Assert.Equal(30, selection.MineBytes);
    }

    [Fact]
    public void KeysAreRelativeToTheFolderGiven_SoHostsMountingItElsewhereAgree()
    {
        var here = new TranscriptionInput("/mnt/audio/sub/talk.mp3", "/mnt/audio");
        var there = new TranscriptionInput("/data/corpus/sub/talk.mp3", "/data/corpus");

        Assert.Equal("sub/talk.mp3", InputSharding.KeyOf(here));
        Assert.Equal(InputSharding.KeyOf(here), InputSharding.KeyOf(there));
        Assert.Equal("/mnt/audio/talk.mp3", InputSharding.KeyOf(new TranscriptionInput("/mnt/audio/talk.mp3")));
    }

    [Fact]
    public void AFileThatVanished_WeighsNothing_AndStillBelongsToOneShard()
    {
        var present = Media("present.wav", 50);
        var gone = folder.PathOf("gone.wav");

        var shards = Enumerable.Range(0, 2).Select(k => InputSharding.Select([new(present), new(gone)], new ShardSpec(k, 2))).ToList();

        Assert.Equal(2, shards.Sum(s => s.Mine.Count));
        Assert.Equal(50, shards[0].TotalBytes);
    }

    [Fact]
    public void Describe_SaysWhatTheShardTook()
    {
        var selection = InputSharding.Select([new(Media("a.wav", 1)), new(Media("b.wav", 1))], new ShardSpec(1, 2));

        Assert.Equal("Shard 1/2: 1 of 2 files, 0.0 of 0.0 MiB.", selection.Describe());
    }
}
