using YtPipe.Core.Download;
using YtPipe.Core.Errors;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Download;

public sealed class YtDlpToolTests
{
    [Fact]
    public async Task AnExplicitPathThatDoesNotExist_IsYtDlpNotFound_NamingThePathAndTheFix()
    {
        var e = await Assert.ThrowsAsync<YtDlpNotFoundException>(() => YtDlpTool.LocateAsync("/nowhere/yt-dlp"));

        Assert.Equal("YtDlpNotFound", e.ErrorId);
        Assert.Equal("/nowhere/yt-dlp", e.Target);
        Assert.Contains("YtDlpPath", e.Message);
        Assert.Contains("Install yt-dlp", e.Fix);
    }

    [Fact]
    public async Task AFolderWithoutYtDlp_IsYtDlpNotFound()
    {
        using var folder = new TempFolder();

        var e = await Assert.ThrowsAsync<YtDlpNotFoundException>(() => YtDlpTool.LocateAsync(folder.Path));

        Assert.Contains("holds no", e.Message);
    }

    [UnixFact]
    public async Task AnExecutable_IsAskedItsVersion()
    {
        using var fake = new FakeYtDlp();

        var tool = await YtDlpTool.LocateAsync(fake.Path);

        Assert.Equal(fake.Path, tool.Path);
        Assert.Equal(new DateOnly(2099, 1, 1), tool.Version.ReleaseDate);
        Assert.Equal("YtDlpPath", tool.Origin); // the engine's plain wording; the module says -YtDlpPath
    }

    [UnixFact]
    public async Task AFolderThatHoldsYtDlp_IsEnough()
    {
        using var fake = new FakeYtDlp();

        var tool = await YtDlpTool.LocateAsync(fake.Folder);

        Assert.Equal(fake.Path, tool.Path);
    }

    [UnixFact]
    public async Task AnExecutableThatFails_IsYtDlpNotFound_WithWhatItSaid()
    {
        using var folder = new TempFolder();
        var broken = folder.WriteFile("yt-dlp", "#!/bin/sh\necho 'ModuleNotFoundError: No module named yt_dlp' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(broken, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var e = await Assert.ThrowsAsync<YtDlpNotFoundException>(() => YtDlpTool.LocateAsync(broken));

        Assert.Contains("No module named yt_dlp", e.Message);
        Assert.Contains("exit code 1", e.Message);
    }

    [UnixFact]
    public async Task AFileThatIsNotExecutable_IsYtDlpNotFound()
    {
        using var folder = new TempFolder();
        var text = folder.WriteFile("yt-dlp", "just text");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(text, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var e = await Assert.ThrowsAsync<YtDlpNotFoundException>(() => YtDlpTool.LocateAsync(text));

        Assert.Contains("could not be started", e.Message);
    }
}
