using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Download;

/// <summary>
/// The yt-dlp executable that a batch runs, and its version. Found in this order: an explicit path
/// (the host's setting), the <c>YTPIPE_YTDLP_PATH</c> environment variable, then the first <c>yt-dlp</c> on PATH.
/// </summary>
public sealed class YtDlpTool
{
    /// <summary>The environment variable that names yt-dlp's executable (or its folder).</summary>
    public const string PathVariable = "YTPIPE_YTDLP_PATH";

    /// <summary>How long <c>yt-dlp --version</c> may take (a cold Python start on a slow disk takes seconds).</summary>
    public static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A tool at a known path, for tests and hosts that probe the version themselves.</summary>
    public YtDlpTool(string path, YtDlpVersion version, string origin = "a path given by the host")
    {
        Path = path;
        Version = version;
        Origin = origin;
    }

    /// <summary>The executable's full path.</summary>
    public string Path { get; }

    /// <summary>What <c>yt-dlp --version</c> said.</summary>
    public YtDlpVersion Version { get; }

    /// <summary>Where the path came from, in words: "-YtDlpPath", "the YTPIPE_YTDLP_PATH environment variable" or "PATH".</summary>
    public string Origin { get; }

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private static string ExeName => IsWindows ? "yt-dlp.exe" : "yt-dlp";

    /// <summary>Finds yt-dlp and asks its version.</summary>
    /// <param name="explicitPath">A file, a folder that holds yt-dlp, or a command name on PATH; null to use the setting or PATH.</param>
    /// <param name="cancellationToken">Stops the version query.</param>
    /// <exception cref="YtDlpNotFoundException">Not found, or it does not run.</exception>
    public static async Task<YtDlpTool> LocateAsync(string? explicitPath, CancellationToken cancellationToken = default)
    {
        var (path, origin) = Find(explicitPath);
        var version = await QueryVersionAsync(path, origin, cancellationToken).ConfigureAwait(false);
        return new YtDlpTool(path, version, origin);
    }

    /// <summary>Where yt-dlp is, without running it.</summary>
    /// <exception cref="YtDlpNotFoundException">Nothing usable at the place the settings name.</exception>
    public static (string Path, string Origin) Find(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var origin = HostWording.Option("YtDlpPath");
            return (Resolve(explicitPath, origin), origin);
        }
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var origin = $"the {PathVariable} environment variable";
            return (Resolve(configured, origin), origin);
        }
        return (FindOnPath(ExeName) ?? throw NotFound($"no {ExeName} was found on PATH", ExeName), "PATH");
    }

    /// <summary>The first file called <paramref name="name"/> in a PATH folder, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate;
            try
            {
                candidate = System.IO.Path.Combine(folder, name);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (File.Exists(candidate))
            {
                return System.IO.Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    private static string Resolve(string value, string origin)
    {
        var trimmed = value.Trim();
        if (Directory.Exists(trimmed))
        {
            var inside = System.IO.Path.Combine(trimmed, ExeName);
            return File.Exists(inside)
                ? System.IO.Path.GetFullPath(inside)
                : throw NotFound($"{origin} is the folder '{trimmed}', which holds no {ExeName}", trimmed);
        }
        if (File.Exists(trimmed))
        {
            return System.IO.Path.GetFullPath(trimmed);
        }
        // A bare command name (yt-dlp_linux, yt-dlp.exe) is looked up on PATH, as a shell would.
        if (trimmed.IndexOfAny(['/', '\\']) < 0 && FindOnPath(trimmed) is { } onPath)
        {
            return onPath;
        }
        throw NotFound($"{origin} is '{trimmed}', which does not exist", trimmed);
    }

    private static async Task<YtDlpVersion> QueryVersionAsync(string path, string origin, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add("--ignore-config");
        start.ArgumentList.Add("--version");
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or UnauthorizedAccessException)
        {
            throw NotFound($"'{path}' (from {origin}) could not be started: {e.Message}", path);
        }
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(VersionTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            YtDlpProcess.KillTree(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw NotFound($"'{path}' (from {origin}) did not answer 'yt-dlp --version' within {VersionTimeout.TotalSeconds:0} s", path);
        }
        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var error = (await stderr.ConfigureAwait(false)).Trim();
            var said = error.Length > 0 ? error : output.Trim();
            throw NotFound($"'{path}' (from {origin}) failed with exit code {process.ExitCode}: {Shorten(said)}", path);
        }
        return YtDlpVersion.Parse(output);
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static YtDlpNotFoundException NotFound(string why, string target) => new($"yt-dlp is needed to download audio, but {why}.", target)
    {
        Fix = InstallHint,
    };

    /// <summary>How to install yt-dlp on this system, in one sentence.</summary>
    public static string InstallHint =>
        IsWindows
            ? $"Install yt-dlp (winget install yt-dlp.yt-dlp, or python -m pip install -U yt-dlp) and open a new shell, or give its path to YtPipe (directly, or in the {PathVariable} environment variable)."
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? $"Install yt-dlp (brew install yt-dlp, or python3 -m pip install -U yt-dlp), or give its path to YtPipe (directly, or in the {PathVariable} environment variable)."
                : $"Install yt-dlp (python3 -m pip install -U yt-dlp, or the standalone binary from https://github.com/yt-dlp/yt-dlp/releases; distribution packages are often too old for YouTube), or give its path to YtPipe (directly, or in the {PathVariable} environment variable).";
}
