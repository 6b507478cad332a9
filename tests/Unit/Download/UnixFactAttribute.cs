namespace YtPipe.Tests.Download;

/// <summary>
/// A fact that needs a Unix shell and python3: the fake yt-dlp is a Python script run through its
/// shebang, and process-tree tests use /bin/sh. Elsewhere the test is reported as skipped, not passed.
/// </summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs a Unix shell and python3";
        }
    }
}
