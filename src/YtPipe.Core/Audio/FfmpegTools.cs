using System.Runtime.InteropServices;
using FFMpegCore;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Audio;

/// <summary>
/// Where ffmpeg and ffprobe are: the folder (or ffmpeg executable) named by <c>$YTPIPE_FFMPEG_PATH</c>,
/// else the first folder on PATH that holds both.
/// </summary>
public sealed class FfmpegTools
{
    /// <summary>The environment variable that names ffmpeg's folder or executable.</summary>
    public const string PathVariable = "YTPIPE_FFMPEG_PATH";

    private FfmpegTools(string folder) => Folder = folder;

    /// <summary>The folder that holds ffmpeg and ffprobe.</summary>
    public string Folder { get; }

    /// <summary>
    /// Options for FFMpegCore, passed on every call: its global options are static and read a
    /// config file from the current directory, which a module must not depend on.
    /// </summary>
    public FFOptions Options => new() { BinaryFolder = Folder, UseCache = false };

    /// <summary>The ffprobe executable.</summary>
    public string FfprobePath => Path.Combine(Folder, Exe("ffprobe"));

    private static string Exe(string name) => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? name + ".exe" : name;

    /// <summary>Finds ffmpeg and ffprobe.</summary>
    /// <exception cref="FfmpegNotFoundException">Neither place has both.</exception>
    public static FfmpegTools Locate()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var folder = Directory.Exists(configured) ? configured : Path.GetDirectoryName(Path.GetFullPath(configured)) ?? configured;
            if (HasBoth(folder))
            {
                return new FfmpegTools(Path.GetFullPath(folder));
            }
            throw NotFound($"${PathVariable} is '{configured}', which holds no {Exe("ffmpeg")} and {Exe("ffprobe")}");
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasBoth(folder))
            {
                return new FfmpegTools(Path.GetFullPath(folder));
            }
        }
        throw NotFound("no folder on PATH holds both");
    }

    private static bool HasBoth(string folder) =>
        File.Exists(Path.Combine(folder, Exe("ffmpeg"))) && File.Exists(Path.Combine(folder, Exe("ffprobe")));

    private static FfmpegNotFoundException NotFound(string searched) => new(searched)
    {
        Fix = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? $"Install ffmpeg (winget install Gyan.FFmpeg) and open a new shell, or set ${PathVariable} to the folder that holds ffmpeg.exe."
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? $"Install ffmpeg (brew install ffmpeg), or set ${PathVariable} to the folder that holds it."
                : $"Install ffmpeg (sudo apt-get install ffmpeg, or your distribution's package), or set ${PathVariable} to the folder that holds it.",
    };
}
