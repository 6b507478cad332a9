using YtPipe.Core.Download;

namespace YtPipe.Tests.Download;

public sealed class YtDlpHealthTests
{
    private static YtDlpTool Tool(string version, string path = "/opt/yt-dlp") => new(path, YtDlpVersion.Parse(version));

    [Fact]
    public void AReleaseOlderThan90Days_DrawsAWarningThatSaysHowOldAndHowToUpdate()
    {
        var warning = YtDlpHealth.CheckAge(Tool("2023.03.04", "/usr/bin/yt-dlp"), new DateOnly(2026, 11, 25));

        Assert.NotNull(warning);
        Assert.Contains("2023.03.04", warning);
        Assert.Contains("3 years old", warning);
        Assert.Contains("pip install -U yt-dlp", warning);
    }

    [Theory]
    [InlineData("2026.10.01")]
    [InlineData("2026.08.27")]
    [InlineData("not-a-date")]
    public void ARecentOrUndatedRelease_DrawsNoWarning(string version)
    {
        Assert.Null(YtDlpHealth.CheckAge(Tool(version), new DateOnly(2026, 11, 25)));
    }

    [Theory]
    [InlineData("/usr/bin/yt-dlp", "distribution")]
    [InlineData("/home/me/.local/bin/yt-dlp", "pip install -U yt-dlp")]
    [InlineData("/opt/homebrew/Cellar/yt-dlp/2025.1.1/bin/yt-dlp", "brew upgrade yt-dlp")]
    [InlineData("C:\\Users\\me\\AppData\\Local\\Microsoft\\WinGet\\Links\\yt-dlp.exe", "winget upgrade yt-dlp.yt-dlp")]
    [InlineData("/home/me/.local/pipx/venvs/yt-dlp/bin/yt-dlp", "pipx upgrade yt-dlp")]
    [InlineData("/opt/tools/yt-dlp", "yt-dlp -U")]
    public void TheUpdateHint_FollowsHowYtDlpWasInstalled(string path, string expected)
    {
        Assert.Contains(expected, YtDlpHealth.UpdateHint(path));
    }

    [Fact]
    public void NoJavaScriptRuntime_IsAWarningThatNamesDeno()
    {
        var warning = YtDlpHealth.CheckJavaScriptRuntime(_ => null);

        Assert.NotNull(warning);
        Assert.Contains("deno", warning);
        Assert.Contains("YouTube", warning);
    }

    [Theory]
    [InlineData("deno")]
    [InlineData("node")]
    [InlineData("bun")]
    public void AnyKnownRuntime_IsEnough(string runtime)
    {
        Assert.Null(YtDlpHealth.CheckJavaScriptRuntime(name => name.StartsWith(runtime, StringComparison.Ordinal) ? "/usr/bin/" + name : null));
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", true)]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", true)]
    [InlineData("https://music.youtube.com/playlist?list=x", true)]
    [InlineData("ytsearch5:whisper", true)]
    [InlineData("https://notyoutube.com/watch", false)]
    [InlineData("http://127.0.0.1:8080/feed.xml", false)]
    [InlineData("not a url", false)]
    public void YouTubeSources_AreRecognised(string source, bool expected)
    {
        Assert.Equal(expected, YtDlpHealth.IsYouTube(source));
    }
}
