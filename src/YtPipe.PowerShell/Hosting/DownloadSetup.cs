using System.Management.Automation;
using YtPipe.Core.Audio;
using YtPipe.Core.Download;
using YtPipe.Core.Errors;
using YtPipe.PowerShell.Commands;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Turns the download parameters into a located yt-dlp and <see cref="DownloadOptions"/>, with the checks and warnings a user needs up front.</summary>
internal static class DownloadSetup
{
    /// <summary>Validates the parameters, finds yt-dlp (terminating error if missing) and builds the options for <paramref name="outputDirectory"/>.</summary>
    public static (YtDlpTool Tool, DownloadOptions Options) Prepare(PSCmdlet cmdlet, DownloadParameters p, string outputDirectory, CancellationToken cancellationToken)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(DownloadParameters.MaxSleepInterval)))
        {
            if (!bound.ContainsKey(nameof(DownloadParameters.SleepInterval)))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.MaxSleepIntervalWithoutSleepInterval, ErrorCategory.InvalidArgument, p.MaxSleepInterval,
                    "-MaxSleepInterval is the upper end of a random wait whose lower end is -SleepInterval.", "Give -SleepInterval too."));
            }
            if (p.MaxSleepInterval < p.SleepInterval)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.MaxSleepIntervalBelowSleepInterval, ErrorCategory.InvalidArgument, p.MaxSleepInterval,
                    $"-MaxSleepInterval ({p.MaxSleepInterval}) is less than -SleepInterval ({p.SleepInterval}).", "Make -MaxSleepInterval at least -SleepInterval."));
            }
        }
        YtDlpArguments.CheckExtra(p.YtDlpArgument);
        string? cookieFile = null;
        if (p.CookieFile is not null)
        {
            cookieFile = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(p.CookieFile);
            if (!File.Exists(cookieFile))
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(ErrorIds.CookieFileNotFound, ErrorCategory.ObjectNotFound, p.CookieFile,
                    $"The cookie file '{cookieFile}' does not exist.",
                    "Export your browser's cookies for the site to a cookies.txt file (Netscape format), or use -CookiesFromBrowser."));
            }
        }
        var tool = YtDlpTool.LocateAsync(ResolveToolPath(cmdlet, p.YtDlpPath), cancellationToken).GetAwaiter().GetResult();
        cmdlet.WriteVerbose($"yt-dlp {tool.Version} at '{tool.Path}' (from {tool.Origin}).");
        if (YtDlpHealth.CheckAge(tool, DateOnly.FromDateTime(DateTime.Now)) is { } stale)
        {
            cmdlet.WriteWarning(stale);
        }
        var ffmpeg = LocateFfmpeg(cmdlet, p);
        var options = new DownloadOptions
        {
            OutputDirectory = outputDirectory,
            MaxItems = bound.ContainsKey(nameof(DownloadParameters.MaxItems)) ? p.MaxItems : null,
            AudioFormat = p.AudioFormat?.ToLowerInvariant(),
            UseArchive = !p.NoArchive,
            FfmpegLocation = ffmpeg,
            CookiesFromBrowser = p.CookiesFromBrowser,
            CookieFile = cookieFile,
            SleepInterval = bound.ContainsKey(nameof(DownloadParameters.SleepInterval)) ? p.SleepInterval : null,
            MaxSleepInterval = bound.ContainsKey(nameof(DownloadParameters.MaxSleepInterval)) ? p.MaxSleepInterval : null,
            SleepRequests = bound.ContainsKey(nameof(DownloadParameters.SleepRequests)) ? p.SleepRequests : null,
            LimitRate = p.LimitRate,
            ExtraArguments = p.YtDlpArgument,
            WorkingDirectory = cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath,
        };
        return (tool, options);
    }

    /// <summary>Warns once per command, for YouTube sources only, when no JavaScript runtime is on PATH.</summary>
    public static void CheckJavaScriptRuntime(PSCmdlet cmdlet, string source, ref bool alreadyChecked)
    {
        if (alreadyChecked || !YtDlpHealth.IsYouTube(source))
        {
            return;
        }
        alreadyChecked = true;
        if (YtDlpHealth.CheckJavaScriptRuntime(YtDlpTool.FindOnPath) is { } warning)
        {
            cmdlet.WriteWarning(warning);
        }
    }

    /// <summary>Writes what a finished download batch did, and a warning that lists what failed.</summary>
    public static void Report(PSCmdlet cmdlet, DownloadSummary summary, int? maxItems)
    {
        cmdlet.WriteVerbose($"Downloaded {summary.Landed}, skipped {summary.Skipped}, failed {summary.Failures.Count}."
            + (summary.MaxItemsReached ? $" Stopped at -MaxItems {maxItems}." : string.Empty));
        if (summary.Failures.Count > 0)
        {
            const int Listed = 10;
            var lines = summary.Failures.Take(Listed).Select(f => $"{f.Url ?? f.Source} ({f.Error.ErrorId}: {Reason(f)})");
            var more = summary.Failures.Count > Listed ? $" and {summary.Failures.Count - Listed} more" : string.Empty;
            cmdlet.WriteWarning($"{summary.Failures.Count} download(s) failed: {string.Join("; ", lines)}{more}. Run the command again to retry them; what landed is skipped.");
        }
    }

    private static string Reason(DownloadFailure f) => f.Error switch
    {
        DownloadFailedException d => d.Reason,
        SourceFailedException s => s.Reason,
        var e => e.Message,
    };

    // ffmpeg is needed for -AudioFormat (and some formats' fix-ups); without one, plain downloads still work.
    private static string? LocateFfmpeg(PSCmdlet cmdlet, DownloadParameters p)
    {
        if (p.FfmpegLocation is not null)
        {
            var path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(p.FfmpegLocation);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new FfmpegNotFoundException($"-FfmpegLocation is '{path}', which does not exist")
                {
                    Fix = "Give the folder that holds ffmpeg, or the ffmpeg executable itself.",
                };
            }
            return path;
        }
        try
        {
            return FfmpegTools.Locate().Folder;
        }
        catch (FfmpegNotFoundException) when (p.AudioFormat is null)
        {
            cmdlet.WriteVerbose("ffmpeg was not found: yt-dlp downloads without converting anything.");
            return null;
        }
    }

    // A path is resolved against PowerShell's location (not the process's); a bare name is looked up on PATH.
    private static string? ResolveToolPath(PSCmdlet cmdlet, string? value)
    {
        if (value is null || value.IndexOfAny(['/', '\\']) < 0 && !value.StartsWith('.') && !value.StartsWith('~'))
        {
            return value;
        }
        return cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(value);
    }
}
