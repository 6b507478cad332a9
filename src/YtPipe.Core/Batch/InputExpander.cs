using YtPipe.Core.Audio;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Batch;

/// <summary>Turns a resolved path into files: a file is itself, a folder its media files, recursively.</summary>
public static class InputExpander
{
    /// <summary>The files <paramref name="path"/> stands for, in a stable (ordinal) order.</summary>
    /// <exception cref="InputNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public static IEnumerable<TranscriptionInput> Expand(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return [new TranscriptionInput(full)];
        }
        if (!Directory.Exists(full))
        {
            throw new InputNotFoundException(path);
        }
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        return Directory.EnumerateFiles(full, "*", options)
            .Where(AudioFileTypes.IsMedia)
            .Order(StringComparer.Ordinal)
            .Select(f => new TranscriptionInput(f, full))
            .ToList();
    }
}
