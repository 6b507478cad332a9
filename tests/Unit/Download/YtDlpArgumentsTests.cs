using YtPipe.Core.Download;
using YtPipe.Core.Errors;

namespace YtPipe.Tests.Download;

public sealed class YtDlpArgumentsTests
{
    private static DownloadOptions Options(Func<DownloadOptions, DownloadOptions>? change = null)
    {
        var o = new DownloadOptions { OutputDirectory = "/data/out" };
        return change is null ? o : change(o);
    }

    private static void AssertPair(IReadOnlyList<string> args, string option, string value)
    {
        var at = args.ToList().IndexOf(option);
        Assert.True(at >= 0, $"{option} is missing from: {string.Join(' ', args)}");
        Assert.Equal(value, args[at + 1]);
    }

    [Fact]
    public void Listing_FlattensPlaylistsLazily_PrintsOneJsonLinePerItem_AndEndsOptionsBeforeTheSource()
    {
        var args = YtDlpArguments.Enumerate(Options(), "-not-an-option");

        Assert.Equal("--ignore-config", args[0]);
        Assert.Contains("--flat-playlist", args);
        Assert.Contains("--lazy-playlist", args);
        Assert.Contains("--yes-playlist", args);
        Assert.Contains("--dump-json", args);
        Assert.Equal(["--", "-not-an-option"], args.TakeLast(2));
    }

    [Fact]
    public void Download_KeepsTheBestAudioInItsOwnCodec_ByDefault()
    {
        var args = YtDlpArguments.Download(Options(), "/s/item.json", "/s", null, null);

        AssertPair(args, "-f", "bestaudio/best");
        Assert.DoesNotContain("-x", args);
        Assert.DoesNotContain("--audio-format", args);
        Assert.DoesNotContain("--no-part", args);
    }

    [Fact]
    public void Download_ConvertsOnlyWhenAnAudioFormatIsAsked()
    {
        var args = YtDlpArguments.Download(Options(o => o with { AudioFormat = "mp3" }), "/s/item.json", "/s", null, null);

        Assert.Contains("-x", args);
        AssertPair(args, "--audio-format", "mp3");
    }

    [Fact]
    public void Download_LoadsTheListedItem_IntoItsStagingFolder_WithInfoJson_AndMachineReadableLines()
    {
        var args = YtDlpArguments.Download(Options(), "/s/item.json", "/s", "/s/archive.txt", 3);

        AssertPair(args, "--load-info-json", "/s/item.json");
        AssertPair(args, "-P", "/s");
        AssertPair(args, "-o", "%(autonumber)s.%(ext)s");
        AssertPair(args, "--download-archive", "/s/archive.txt");
        AssertPair(args, "--max-downloads", "3");
        Assert.Contains("--write-info-json", args);
        Assert.Contains("--no-playlist", args);
        Assert.Contains("--newline", args);
        Assert.Contains("after_move:" + YtDlpArguments.LandedPrefix + "%(filepath)j", args);
        Assert.Contains(args, a => a.StartsWith("download:" + YtDlpArguments.ProgressPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void CommonOptions_CarryFfmpegCookiesAndPoliteness_ToEveryCall()
    {
        var options = Options(o => o with
        {
            FfmpegLocation = "/opt/ffmpeg",
            CookiesFromBrowser = "firefox:default",
            CookieFile = "/home/me/cookies.txt",
            SleepInterval = 2,
            MaxSleepInterval = 5.5,
            SleepRequests = 0.75,
            LimitRate = "2M",
        });

        foreach (var args in new[] { YtDlpArguments.Enumerate(options, "u"), YtDlpArguments.Download(options, "i", "s", null, null) })
        {
            AssertPair(args, "--ffmpeg-location", "/opt/ffmpeg");
            AssertPair(args, "--cookies-from-browser", "firefox:default");
            AssertPair(args, "--cookies", "/home/me/cookies.txt");
            AssertPair(args, "--sleep-interval", "2");
            AssertPair(args, "--max-sleep-interval", "5.5");
            AssertPair(args, "--sleep-requests", "0.75");
            AssertPair(args, "--limit-rate", "2M");
        }
    }

    [Fact]
    public void ExtraArguments_ComeAfterYtPipesOwn_SoTheyWin()
    {
        var options = Options(o => o with { ExtraArguments = ["-f", "bestaudio[ext=m4a]", "--proxy", "socks5://h:1"] });

        var download = YtDlpArguments.Download(options, "i", "s", null, null);
        var listing = YtDlpArguments.Enumerate(options, "u");

        Assert.Equal(["-f", "bestaudio[ext=m4a]", "--proxy", "socks5://h:1"], download.TakeLast(4));
        Assert.True(download.ToList().LastIndexOf("-f") > download.ToList().IndexOf("-f"));
        Assert.Equal(["--proxy", "socks5://h:1", "--", "u"], listing.TakeLast(4));
    }

    [Theory]
    [InlineData("-o")]
    [InlineData("--output")]
    [InlineData("--output=x.%(ext)s")]
    [InlineData("-oNAME.%(ext)s")]
    [InlineData("-P")]
    [InlineData("--print")]
    [InlineData("--download-archive")]
    [InlineData("--max-downloads=3")]
    [InlineData("--no-write-info-json")]
    [InlineData("--config-locations")]
    [InlineData("-U")]
    public void ReservedOptions_AreRefused_WithTheReason(string option)
    {
        var e = Assert.Throws<InvalidOptionException>(() => YtDlpArguments.CheckExtra(["--proxy", "p", option]));

        Assert.Equal(option, e.Target);
        Assert.Contains("cannot be passed to yt-dlp as an extra argument", e.Message);
    }

    [Fact]
    public void OrdinaryOptionsAndValues_ArePassedThrough()
    {
        var error = Record.Exception(() => YtDlpArguments.CheckExtra(
            ["--proxy", "socks5://127.0.0.1:1080", "--extractor-args", "youtube:player_client=web", "-4", "--retries", "0", "--exec", "echo {}", "-x"]));

        Assert.Null(error);
    }
}
