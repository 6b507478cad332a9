using System.Management.Automation;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// The yt-dlp parameters of Save-YtAudio and Start-YtPipeline, declared once: both commands serve
/// this object as their dynamic parameters (<see cref="IDynamicParameters"/>), because a cmdlet
/// can inherit parameters from one base class only and Start-YtPipeline's is the transcription
/// one. Adding a yt-dlp option is a change here and in <see cref="DownloadSetup"/>; binding, tab
/// completion, pipeline input by property name and Get-Help treat these like any other parameter.
/// </summary>
public sealed class DownloadParameters
{
    /// <summary>Stop once this many items have been downloaded, counted across all sources. Items skipped by the archive do not count.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxItems { get; set; }

    /// <summary>Convert the audio to this format (yt-dlp -x --audio-format). Default: keep the best audio in its own codec, without re-encoding.</summary>
    [Parameter]
    [ValidateSet("aac", "alac", "flac", "m4a", "mp3", "opus", "vorbis", "wav", IgnoreCase = true)]
    public string? AudioFormat { get; set; }

    /// <summary>Neither read nor write the download archive (downloaded.txt): every item is downloaded again.</summary>
    [Parameter]
    public SwitchParameter NoArchive { get; set; }

    /// <summary>The yt-dlp executable (or its folder). Default: $env:YTPIPE_YTDLP_PATH, else yt-dlp on PATH.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? YtDlpPath { get; set; }

    /// <summary>ffmpeg's folder or executable, for yt-dlp's conversions. Default: $env:YTPIPE_FFMPEG_PATH, else PATH.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? FfmpegLocation { get; set; }

    /// <summary>Take cookies from a browser: firefox, chrome, chromium, edge, brave, opera, safari or vivaldi, optionally with :PROFILE.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrowserCompleter))]
    public string? CookiesFromBrowser { get; set; }

    /// <summary>A cookies.txt file (Netscape format) to send with the requests.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CookieFile { get; set; }

    /// <summary>Seconds to wait before each download (yt-dlp --sleep-interval); with -MaxSleepInterval, the least of a random wait.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double SleepInterval { get; set; }

    /// <summary>The most seconds of a random wait before each download (yt-dlp --max-sleep-interval); needs -SleepInterval.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double MaxSleepInterval { get; set; }

    /// <summary>Seconds to wait between the requests that list and extract items (yt-dlp --sleep-requests).</summary>
    [Parameter]
    [ValidateRange(0.0, 3600.0)]
    public double SleepRequests { get; set; }

    /// <summary>The most bytes per second to download, such as 500K or 2M (yt-dlp --limit-rate).</summary>
    [Parameter]
    [ValidatePattern(@"^\d+(\.\d+)?[KMGT]?$")]
    public string? LimitRate { get; set; }

    /// <summary>More arguments for yt-dlp, such as '--proxy','socks5://127.0.0.1:1080'; added to every yt-dlp call after YtPipe's own.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public string[] YtDlpArgument { get; set; } = [];
}
