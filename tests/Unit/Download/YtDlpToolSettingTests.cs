using YtPipe.Core.Download;
using YtPipe.Core.Errors;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Download;

/// <summary>yt-dlp named by the environment variable: the engine's words fit any host, not only PowerShell.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class YtDlpToolSettingTests : IDisposable
{
    private readonly string? saved = Environment.GetEnvironmentVariable(YtDlpTool.PathVariable);

    public void Dispose() => Environment.SetEnvironmentVariable(YtDlpTool.PathVariable, saved);

    [Fact]
    public void AMissingPathInTheVariable_IsYtDlpNotFound_NamingTheVariableInPlainWords()
    {
        Environment.SetEnvironmentVariable(YtDlpTool.PathVariable, "/nowhere/yt-dlp");

        var e = Assert.Throws<YtDlpNotFoundException>(() => YtDlpTool.Find(null));

        Assert.Contains("the YTPIPE_YTDLP_PATH environment variable is '/nowhere/yt-dlp'", e.Message);
        Assert.DoesNotContain("$env:", e.Message + e.Fix);
        Assert.DoesNotContain("-YtDlpPath", e.Fix);
        Assert.Contains("YTPIPE_YTDLP_PATH environment variable", e.Fix);
    }

    [UnixFact]
    public void APathInTheVariable_IsUsed_AndSaysWhereItCameFrom()
    {
        using var fake = new FakeYtDlp();
        Environment.SetEnvironmentVariable(YtDlpTool.PathVariable, fake.Path);

        var (path, origin) = YtDlpTool.Find(null);

        Assert.Equal(fake.Path, path);
        Assert.Equal("the YTPIPE_YTDLP_PATH environment variable", origin);
    }
}
