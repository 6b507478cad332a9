using YtPipe.Core.Download;
using YtPipe.Core.Errors;

namespace YtPipe.Tests.Download;

public sealed class YtDlpLineParserTests
{
    [Fact]
    public void ProgressLines_CarryBytesSpeedAndEta()
    {
        var line = YtDlpLineParser.Parse("ytpipe-progress {\"status\": \"downloading\", \"downloaded_bytes\": 31744, \"total_bytes\": 128194, \"speed\": 38679.16, \"eta\": 2}");

        var p = Assert.IsType<YtDlpProgressLine>(line);
        Assert.Equal("downloading", p.Status);
        Assert.Equal(31744, p.DownloadedBytes);
        Assert.Equal(128194, p.Size);
        Assert.Equal(38679.16, p.Speed);
        Assert.Equal(2, p.Eta);
    }

    [Fact]
    public void ProgressWithOnlyAnEstimate_UsesTheEstimateAsSize()
    {
        var p = Assert.IsType<YtDlpProgressLine>(YtDlpLineParser.Parse("ytpipe-progress {\"status\": \"downloading\", \"downloaded_bytes\": 10, \"total_bytes_estimate\": 99.6}"));

        Assert.Null(p.TotalBytes);
        Assert.Equal(100, p.Size);
        Assert.Null(p.Speed);
    }

    [Fact]
    public void LandedLines_CarryThePath_SpacesAndAll()
    {
        var line = YtDlpLineParser.Parse("ytpipe-landed \"/tmp/out dir/00001.opus\"");

        Assert.Equal("/tmp/out dir/00001.opus", Assert.IsType<YtDlpLandedLine>(line).FilePath);
    }

    [Fact]
    public void ItemLines_CarryIdTitleAndExtractor()
    {
        var line = YtDlpLineParser.Parse("ytpipe-item {\"id\": \"ep1\", \"title\": \"Episode One\", \"webpage_url\": \"http://h/ep1.opus\", \"extractor_key\": \"Generic\"}");

        var i = Assert.IsType<YtDlpItemLine>(line);
        Assert.Equal(("ep1", "Episode One", "Generic"), (i.Id, i.Title, i.ExtractorKey));
    }

    [Theory]
    [InlineData("ytpipe-progress not json")]
    [InlineData("ytpipe-landed 42")]
    [InlineData("[download] Destination: x")]
    public void AnythingElse_IsKeptAsText(string text)
    {
        Assert.Equal(text, Assert.IsType<YtDlpOtherLine>(YtDlpLineParser.Parse(text)).Text);
    }

    [Fact]
    public void Warnings_LoseTheirPrefix()
    {
        Assert.Equal("[generic] Falling back on generic information extractor",
            Assert.IsType<YtDlpWarningLine>(YtDlpLineParser.Parse("WARNING: [generic] Falling back on generic information extractor")).Text);
    }

    [Fact]
    public void Errors_LoseYtDlpsBoilerplate()
    {
        var line = YtDlpLineParser.Parse("ERROR: [generic] None: Unable to download webpage: HTTP Error 404: Not Found (caused by <HTTPError 404: 'Not Found'>); please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the appropriate issue template. Confirm you are on the latest version using  yt-dlp -U");

        Assert.Equal("[generic] Unable to download webpage: HTTP Error 404: Not Found", Assert.IsType<YtDlpErrorLine>(line).Text);
    }

    [Fact]
    public void Errors_LoseANestedCausedBy()
    {
        var line = YtDlpLineParser.Parse("ERROR: [generic] None: Unable to download webpage: <urlopen error [Errno 111] Connection refused> (caused by URLError(ConnectionRefusedError(111, 'Connection refused')))");

        Assert.Equal("[generic] Unable to download webpage: <urlopen error [Errno 111] Connection refused>", Assert.IsType<YtDlpErrorLine>(line).Text);
    }

    [Theory]
    [InlineData("[generic] Unable to download webpage: HTTP Error 404: Not Found", FailureKind.NotFound)]
    [InlineData("[youtube] abc: Private video. Sign in if you've been granted access to this video", FailureKind.NotFound)]
    [InlineData("[youtube] abc: Video unavailable", FailureKind.NotFound)]
    [InlineData("Unsupported URL: http://h/page.html", FailureKind.InvalidData)]
    [InlineData("[download] Got error: Downloaded 30000 bytes, expected 128194 bytes", FailureKind.InvalidData)]
    public void Failures_AreClassified(string message, FailureKind kind)
    {
        Assert.Equal(kind, YtDlpLineParser.Classify(message));
    }

    [Theory]
    [InlineData("[youtube] abc: Sign in to confirm you're not a bot", "browser's cookies")]
    [InlineData("Unsupported URL: http://h/x", "check it in a browser")]
    [InlineData("[download] Got error: Downloaded 30000 bytes, expected 128194 bytes", "Download again when the network")]
    [InlineData("[youtube] abc: nsig extraction failed: You may experience throttling", "deno")]
    public void KnownFailures_ComeWithAFix(string message, string fix)
    {
        Assert.Contains(fix, YtDlpLineParser.FixFor(message));
    }
}
