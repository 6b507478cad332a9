using System.Globalization;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Download;

/// <summary>
/// The argument lists of the two yt-dlp calls a batch makes: one that lists a source's items
/// (playlists and channels flattened, one JSON line per item) and one per item that downloads it
/// into a private staging folder and prints machine-readable lines. Lists, never a shell string.
/// </summary>
internal static class YtDlpArguments
{
    /// <summary>Starts a progress line on stdout, followed by yt-dlp's progress as JSON.</summary>
    public const string ProgressPrefix = "ytpipe-progress ";

    /// <summary>Starts the line printed once an item is extracted, followed by id, title, webpage_url, extractor_key as JSON.</summary>
    public const string ItemPrefix = "ytpipe-item ";

    /// <summary>Starts the line printed when a file is finished (after any conversion), followed by its path as JSON.</summary>
    public const string LandedPrefix = "ytpipe-landed ";

    /// <summary>The format yt-dlp picks: the best audio-only stream, else the best stream with audio.</summary>
    public const string Format = "bestaudio/best";

    /// <summary>The formats <see cref="DownloadOptions.AudioFormat"/> may ask for (yt-dlp's <c>--audio-format</c> values).</summary>
    public static IReadOnlyList<string> AudioFormats { get; } = ["aac", "alac", "flac", "m4a", "mp3", "opus", "vorbis", "wav"];

    // Options that would change where files go, what is printed, or what is recorded: YtPipe owns them.
    private static readonly (string Option, string Why)[] Reserved =
    [
        ("-o", "YtPipe names the files"), ("--output", "YtPipe names the files"),
        ("-P", "YtPipe chooses the folders"), ("--paths", "YtPipe chooses the folders"),
        ("-O", "YtPipe reads yt-dlp's printed lines"), ("--print", "YtPipe reads yt-dlp's printed lines"),
        ("--print-to-file", "YtPipe reads yt-dlp's printed lines"),
        ("-j", "YtPipe reads yt-dlp's printed lines"), ("--dump-json", "YtPipe reads yt-dlp's printed lines"),
        ("-J", "YtPipe reads yt-dlp's printed lines"), ("--dump-single-json", "YtPipe reads yt-dlp's printed lines"),
        ("--progress-template", "YtPipe reads yt-dlp's progress lines"),
        ("--load-info-json", "YtPipe passes each item this way"),
        ("-a", "give the URLs to YtPipe as sources instead"), ("--batch-file", "give the URLs to YtPipe as sources instead"),
        ("--download-archive", "YtPipe keeps the archive in the output folder, or none when the archive is turned off"),
        ("--no-download-archive", "turn YtPipe's archive off instead"),
        ("--max-downloads", "set YtPipe's limit on the number of items instead"),
        ("--no-write-info-json", "YtPipe reads each item's .info.json"),
        ("-s", "YtPipe downloads"), ("--simulate", "YtPipe downloads"), ("--skip-download", "YtPipe downloads"),
        ("--config-locations", "configuration files could change the names and printed lines YtPipe relies on"),
        ("--config-location", "configuration files could change the names and printed lines YtPipe relies on"),
        ("-U", "update yt-dlp outside YtPipe"), ("--update", "update yt-dlp outside YtPipe"), ("--update-to", "update yt-dlp outside YtPipe"),
        ("--version", "not a download option"), ("-h", "not a download option"), ("--help", "not a download option"),
    ];

    /// <summary>Refuses extra arguments that would break what YtPipe relies on.</summary>
    /// <exception cref="InvalidOptionException">One of them is YtPipe's own.</exception>
    public static void CheckExtra(IReadOnlyList<string> extra)
    {
        foreach (var arg in extra)
        {
            if (arg is null || !arg.StartsWith('-') || arg == "--")
            {
                continue;
            }
            foreach (var (option, why) in Reserved)
            {
                var matches = arg == option
                    || (option.StartsWith("--", StringComparison.Ordinal) && arg.StartsWith(option + "=", StringComparison.Ordinal))
                    || (option.Length == 2 && arg.Length > 2 && arg[1] != '-' && arg.StartsWith(option, StringComparison.Ordinal) && char.IsLetter(option[1]) && IsAttachedValueOption(option));
                if (matches)
                {
                    throw new InvalidOptionException($"The yt-dlp argument '{arg}' cannot be passed to yt-dlp as an extra argument: {why}.", arg)
                    {
                        Fix = "Leave it out; YtPipe's own download options cover it.",
                    };
                }
            }
        }
    }

    // Short options that take a value may have it attached (-oNAME); flags such as -s may be bundled (-sx), which is ambiguous, so only the value-taking ones are matched by prefix.
    private static bool IsAttachedValueOption(string option) => option is "-o" or "-P" or "-O" or "-a";

    /// <summary>Options every call gets: no configuration files, ffmpeg, cookies, politeness, and the user's extra arguments last.</summary>
    public static List<string> Common(DownloadOptions options)
    {
        var args = new List<string> { "--ignore-config" };
        if (options.FfmpegLocation is { } ffmpeg)
        {
            args.Add("--ffmpeg-location");
            args.Add(ffmpeg);
        }
        if (options.CookiesFromBrowser is { } browser)
        {
            args.Add("--cookies-from-browser");
            args.Add(browser);
        }
        if (options.CookieFile is { } cookies)
        {
            args.Add("--cookies");
            args.Add(cookies);
        }
        if (options.SleepRequests is { } sleepRequests)
        {
            args.Add("--sleep-requests");
            args.Add(Number(sleepRequests));
        }
        if (options.SleepInterval is { } sleep)
        {
            args.Add("--sleep-interval");
            args.Add(Number(sleep));
        }
        if (options.MaxSleepInterval is { } maxSleep)
        {
            args.Add("--max-sleep-interval");
            args.Add(Number(maxSleep));
        }
        if (options.LimitRate is { } rate)
        {
            args.Add("--limit-rate");
            args.Add(rate);
        }
        return args;
    }

    /// <summary>
    /// Lists a source's items without downloading: one JSON line each on stdout, as they are found
    /// (a playlist's or feed's entries unresolved, a single video fully extracted).
    /// </summary>
    public static IReadOnlyList<string> Enumerate(DownloadOptions options, string source)
    {
        var args = Common(options);
        args.AddRange(["--flat-playlist", "--lazy-playlist", "--yes-playlist", "--dump-json"]);
        args.AddRange(options.ExtraArguments);
        // "--" ends the options: a source that starts with '-' is a URL, never an option.
        args.Add("--");
        args.Add(source);
        return args;
    }

    /// <summary>
    /// Downloads one listed item (its JSON line in <paramref name="entryJsonPath"/>) into
    /// <paramref name="stagingFolder"/> as 00001.EXT with 00001.info.json beside it. yt-dlp writes
    /// EXT.part while it downloads and renames only a finished file; the progress, item and landed
    /// lines go to stdout.
    /// </summary>
    /// <param name="options">The batch options.</param>
    /// <param name="entryJsonPath">The item's JSON line, written to a file.</param>
    /// <param name="stagingFolder">A folder of this item alone.</param>
    /// <param name="scratchArchive">A copy of the archive for yt-dlp to check items against after extraction (and to write into); null for none.</param>
    /// <param name="maxDownloads">At most this many files (an item that turns out to be a playlist); null for no limit.</param>
    public static IReadOnlyList<string> Download(DownloadOptions options, string entryJsonPath, string stagingFolder, string? scratchArchive, int? maxDownloads)
    {
        var args = Common(options);
        args.AddRange([
            "--no-simulate",
            "--load-info-json", entryJsonPath,
            "--no-playlist",
            "--no-write-playlist-metafiles",
            "--write-info-json",
            "--no-mtime",
            "--restrict-filenames",
            "-f", Format,
        ]);
        if (options.AudioFormat is { } format)
        {
            args.AddRange(["-x", "--audio-format", format]);
        }
        args.AddRange([
            "--newline", "--progress",
            "--progress-template", "download:" + ProgressPrefix + "%(progress.{status,downloaded_bytes,total_bytes,total_bytes_estimate,speed,eta})j",
            "--print", "video:" + ItemPrefix + "%(.{id,title,webpage_url,extractor_key})j",
            "--print", "after_move:" + LandedPrefix + "%(filepath)j",
            "-P", stagingFolder,
            "-o", "%(autonumber)s.%(ext)s",
        ]);
        if (scratchArchive is not null)
        {
            args.AddRange(["--download-archive", scratchArchive]);
        }
        if (maxDownloads is { } max)
        {
            args.AddRange(["--max-downloads", max.ToString(CultureInfo.InvariantCulture)]);
        }
        args.AddRange(options.ExtraArguments);
        return args;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
