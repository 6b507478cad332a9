namespace YtPipe.Core.Audio;

/// <summary>The file extensions a folder input is searched for. Named files are taken whatever their extension.</summary>
internal static class AudioFileTypes
{
    /// <summary>Extensions (with dot, lower case) of media files ffmpeg decodes that a folder search picks up.</summary>
    public static IReadOnlySet<string> Extensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".m4a", ".mp3", ".mp4", ".webm", ".wav", ".flac", ".mkv", ".ogg", ".opus", ".oga", ".aac", ".wma", ".mov", ".avi", ".aiff", ".aif",
    };

    /// <summary>Whether a folder search picks up <paramref name="path"/>.</summary>
    public static bool IsMedia(string path) => Extensions.Contains(Path.GetExtension(path));
}
