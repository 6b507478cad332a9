using System.Runtime.InteropServices;

namespace YtPipe.Core.Download;

/// <summary>
/// Checks made before a download that end in a warning, not an error: a yt-dlp release that is too
/// old to keep up with YouTube, and no JavaScript runtime for YouTube's player challenges.
/// </summary>
internal static class YtDlpHealth
{
    /// <summary>Releases older than this draw a warning: YouTube changes every few weeks.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(90);

    /// <summary>The JavaScript runtimes yt-dlp can use for YouTube, in its order of preference.</summary>
    public static IReadOnlyList<string> JavaScriptRuntimes { get; } = ["deno", "node", "bun"];

    /// <summary>A warning when <paramref name="tool"/> is older than <see cref="MaxAge"/> on <paramref name="today"/>; otherwise null.</summary>
    public static string? CheckAge(YtDlpTool tool, DateOnly today)
    {
        if (tool.Version.AgeOn(today) is not { } age || age <= MaxAge)
        {
            return null;
        }
        return $"yt-dlp {tool.Version} ('{tool.Path}') is {Describe(age)} old; sites such as YouTube change every few weeks, and an old yt-dlp fails on them. Update it: {UpdateHint(tool.Path)}.";
    }

    /// <summary>How to update the yt-dlp at <paramref name="path"/>, from how it looks installed.</summary>
    public static string UpdateHint(string path)
    {
        var resolved = ResolveLink(path);
        var p = resolved.Replace('\\', '/');
        bool Has(string part) => p.Contains(part, StringComparison.OrdinalIgnoreCase);
        if (Has("/WinGet/"))
        {
            return "winget upgrade yt-dlp.yt-dlp";
        }
        if (Has("/scoop/"))
        {
            return "scoop update yt-dlp";
        }
        if (Has("/chocolatey/"))
        {
            return "choco upgrade yt-dlp";
        }
        if (Has("/Cellar/") || Has("/homebrew/") || Has("/linuxbrew/"))
        {
            return "brew upgrade yt-dlp";
        }
        if (Has("/pipx/"))
        {
            return "pipx upgrade yt-dlp";
        }
        if (Has("/snap/"))
        {
            return "sudo snap refresh yt-dlp";
        }
        if (Has("/site-packages/") || Has("/.local/bin/") || Has("/Scripts/") || Has("/Python"))
        {
            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "python -m pip install -U yt-dlp" : "python3 -m pip install -U yt-dlp";
        }
        if (p.StartsWith("/usr/bin/", StringComparison.Ordinal) || p.StartsWith("/bin/", StringComparison.Ordinal))
        {
            return "this one comes from your distribution's packages, which lag months behind; install the current release with python3 -m pip install -U yt-dlp (or the standalone binary from https://github.com/yt-dlp/yt-dlp/releases) and give its path to YtPipe (directly, or in the YTPIPE_YTDLP_PATH environment variable)";
        }
        return "yt-dlp -U";
    }

    /// <summary>Whether a source is on YouTube, where the JavaScript runtime and fresh releases matter most.</summary>
    public static bool IsYouTube(string source)
    {
        if (source.StartsWith("ytsearch", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!Uri.TryCreate(source.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }
        var host = uri.Host.ToLowerInvariant();
        return host is "youtube.com" or "youtu.be" or "youtube-nocookie.com"
            || host.EndsWith(".youtube.com", StringComparison.Ordinal) || host.EndsWith(".youtube-nocookie.com", StringComparison.Ordinal);
    }

    /// <summary>
    /// A warning when none of deno, node or bun is found by <paramref name="findOnPath"/> (given a file
    /// name, it returns a path or null); otherwise null.
    /// </summary>
    public static string? CheckJavaScriptRuntime(Func<string, string?> findOnPath)
    {
        var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ".exe" : string.Empty;
        if (JavaScriptRuntimes.Any(r => findOnPath(r + exe) is not null))
        {
            return null;
        }
        return "No JavaScript runtime (deno, node or bun) is on PATH. yt-dlp needs one for YouTube, whose player must now be run to get the audio; without it YouTube downloads fail or miss formats. Install deno (https://deno.com, the runtime yt-dlp uses by default) and open a new shell.";
    }

    private static string ResolveLink(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            return path;
        }
    }

    private static string Describe(TimeSpan age) =>
        age.TotalDays >= 730 ? $"{(int)(age.TotalDays / 365.25)} years"
        : age.TotalDays >= 60 ? $"{(int)(age.TotalDays / 30.44)} months"
        : $"{(int)age.TotalDays} days";
}
