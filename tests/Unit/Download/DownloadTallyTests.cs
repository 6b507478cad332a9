using YtPipe.Core.Download;

namespace YtPipe.Tests.Download;

public sealed class DownloadTallyTests
{
    private static DownloadedItem Item(string stem) =>
        new() { Id = stem, AudioPath = $"/out/audio/{stem}.opus", InfoJsonPath = $"/out/audio/{stem}.info.json", Source = "http://feeds.test/show.xml" };

    [Fact]
    public void TheItemLimit_IsReachedByLandedItemsOnly_AndRemainingNeverDropsBelowOne()
    {
        var tally = new DownloadTally(maxItems: 2);
        tally.ItemFound();
        tally.ItemSkipped();

        Assert.Equal(2, tally.Remaining);
        Assert.False(tally.ItemLanded(Item("a"), "generic a"));
        Assert.Equal(1, tally.Remaining);
        Assert.False(tally.MaxItemsReached);
        Assert.True(tally.ItemLanded(Item("b"), "generic b"));
        Assert.True(tally.MaxItemsReached);
        Assert.Equal(1, tally.Remaining);
        Assert.True(tally.Summary(cancelled: false).MaxItemsReached);
    }

    [Fact]
    public void WithoutALimit_NothingIsEverReached()
    {
        var tally = new DownloadTally(maxItems: null);

        Assert.False(tally.ItemLanded(Item("a"), "generic a"));
        Assert.Null(tally.Remaining);
        Assert.False(tally.MaxItemsReached);
    }

    [Fact]
    public void ALandedItem_IsFoundUnderEachOfItsKeys()
    {
        var tally = new DownloadTally(maxItems: null);
        var item = Item("ccccccccccc");

        tally.ItemLanded(item, "youtube ccccccccccc", "generic watch-1a2b3c4d");

        Assert.Same(item, tally.FindLanded("youtube ccccccccccc"));
        Assert.Same(item, tally.FindLanded("generic watch-1a2b3c4d"));
        Assert.Null(tally.FindLanded("youtube ddddddddddd"));
    }

    [Fact]
    public void TheSnapshot_CountsSourcesItemsAndTheItemInWork()
    {
        var tally = new DownloadTally(maxItems: 5);
        tally.SourceQueued();
        tally.SourceQueued();
        tally.SourceStarted("http://a.test/feed");
        var number = tally.ItemFound();
        tally.SetCurrent(new DownloadItemProgress { Number = number, Url = "http://a.test/1.opus", DownloadedBytes = 5, TotalBytes = 10 });

        var during = tally.Snapshot();
        tally.ItemLanded(Item("one"), "generic one");
        tally.SetCurrent(null);
        tally.SourceDone();
        var after = tally.Snapshot();

        Assert.Equal(1, number);
        Assert.Equal((2, 0, "http://a.test/feed", 1, 0), (during.SourcesTotal, during.SourcesDone, during.CurrentSource, during.Found, during.Landed));
        Assert.Equal(0.5, during.Fraction);
        Assert.Equal(5, during.MaxItems);
        Assert.Equal((2, 1, (string?)null, 1, 1), (after.SourcesTotal, after.SourcesDone, after.CurrentSource, after.Found, after.Landed));
        Assert.Null(after.Current);
    }
}
