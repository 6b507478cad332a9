using YtPipe.Core.Download;

namespace YtPipe.Tests.Download;

public sealed class DownloadEntryTests
{
    [Fact]
    public void AFeedEntry_IsAReferenceByItsEnclosureUrl_WithAGenericIdentity()
    {
        var entry = DownloadEntry.Parse("http://h/feed.xml",
            """{"_type": "url_transparent", "url": "http://h/ep1.opus#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22ep1%22%7D", "title": "Episode One"}""");

        Assert.True(entry.IsReference);
        Assert.False(entry.IsNestedPlaylist);
        Assert.Equal("http://h/ep1.opus", entry.Url);
        Assert.Equal("Episode One", entry.Title);
        Assert.Equal(DownloadNaming.ForGenericUrl("http://h/ep1.opus"), entry.Identity);
    }

    [Fact]
    public void AYouTubePlaylistEntry_HasItsIdentityBeforeAnythingIsDownloaded()
    {
        var entry = DownloadEntry.Parse("https://www.youtube.com/playlist?list=PL",
            """{"_type": "url", "ie_key": "Youtube", "id": "dQw4w9WgXcQ", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "x"}""");

        Assert.Equal(new ItemIdentity("youtube dQw4w9WgXcQ", "dQw4w9WgXcQ"), entry.Identity);
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", entry.Url);
    }

    [Fact]
    public void AChannelTab_IsANestedPlaylist()
    {
        var entry = DownloadEntry.Parse("https://www.youtube.com/@x",
            """{"_type": "url", "ie_key": "YoutubeTab", "url": "https://www.youtube.com/@x/videos", "title": "x - Videos"}""");

        Assert.True(entry.IsNestedPlaylist);
    }

    [Fact]
    public void AFullyExtractedVideo_IsItsWebpageUrl()
    {
        var entry = DownloadEntry.Parse("http://h/clip.m4a",
            """{"id": "clip", "title": "clip", "direct": true, "url": "http://cdn/clip.m4a?sig=1", "webpage_url": "http://h/clip.m4a", "extractor_key": "Generic", "_type": "video"}""");

        Assert.False(entry.IsReference);
        Assert.Equal("http://h/clip.m4a", entry.Url);
        Assert.Equal("Generic", entry.ExtractorKey);
        Assert.Equal(DownloadNaming.ForGenericUrl("http://h/clip.m4a"), entry.Identity);
    }

    [Fact]
    public void ALineThatIsNotAnObject_IsRefused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => DownloadEntry.Parse("s", "[1, 2]"));
    }
}
