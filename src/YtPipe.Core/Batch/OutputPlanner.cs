using System.Runtime.InteropServices;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;

namespace YtPipe.Core.Batch;

/// <summary>
/// Decides transcript paths: beside each input by default; under <c>OutputDirectory</c> when set,
/// keeping the sub-folders of a folder input. Remembers every path it hands out in a run, so two
/// inputs never silently write the same transcript (the second is refused). Before a file is
/// queued, it removes what a killed run left beside its transcripts and makes sure their folder
/// can be written.
/// </summary>
internal sealed class OutputPlanner(string? outputDirectory, IReadOnlyList<OutputFormat> formats, bool force, DateTime? runStartedUtc = null)
{
    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private readonly string? outputDirectory = outputDirectory is null ? null : Path.GetFullPath(outputDirectory);
    private readonly Dictionary<string, string> plannedBy = new(PathComparer);
    private readonly HashSet<string> inputs = new(PathComparer);
    private readonly StaleTempFiles staleTempFiles = new(runStartedUtc ?? DateTime.UtcNow);
    private readonly OutputFolderCheck folderCheck = new();

    /// <summary>Plans <paramref name="input"/>; null when the same file was already planned in this run.</summary>
    /// <exception cref="OutputCollisionException">Another input of this run already writes one of its paths.</exception>
    /// <exception cref="OutputFolderNotWritableException">Its transcript folder cannot be created or written.</exception>
    /// <exception cref="DiskFullException">The disk of its transcript folder is full.</exception>
    public OutputPlan? Plan(TranscriptionInput input)
    {
        if (!inputs.Add(input.FilePath))
        {
            return null;
        }
        var stem = BasePath(input);
        var paths = formats.Distinct().ToDictionary(f => f, f => stem + TranscriptWriters.Extension(f));
        foreach (var path in paths.Values)
        {
            if (plannedBy.TryGetValue(path, out var other))
            {
                inputs.Remove(input.FilePath);
                throw new OutputCollisionException(input.FilePath, path, other)
                {
                    Fix = $"Rename one of the files, or transcribe them in separate runs with different {HostWording.Option("OutputDirectory")} folders.",
                };
            }
        }
        staleTempFiles.RemoveFor(paths.Values);
        var toWrite = paths.Where(p => force || !File.Exists(p.Value)).Select(p => p.Key).ToList();
        if (toWrite.Count > 0)
        {
            try
            {
                folderCheck.Check(Path.GetDirectoryName(stem)!);
            }
            catch (YtPipeException)
            {
                inputs.Remove(input.FilePath);
                throw;
            }
        }
        foreach (var path in paths.Values)
        {
            plannedBy[path] = input.FilePath;
        }
        return new OutputPlan(input, paths, toWrite);
    }

    private string BasePath(TranscriptionInput input)
    {
        var name = Path.GetFileNameWithoutExtension(input.FilePath);
        if (outputDirectory is null)
        {
            return Path.Combine(Path.GetDirectoryName(input.FilePath)!, name);
        }
        var relativeFolder = input.Root is null
            ? string.Empty
            : Path.GetDirectoryName(Path.GetRelativePath(input.Root, input.FilePath)) ?? string.Empty;
        return Path.Combine(outputDirectory, relativeFolder, name);
    }
}
