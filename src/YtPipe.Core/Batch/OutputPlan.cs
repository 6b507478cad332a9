using YtPipe.Core.Output;

namespace YtPipe.Core.Batch;

/// <summary>Where one input's transcripts go, and which of them still have to be written.</summary>
/// <param name="Input">The input.</param>
/// <param name="Paths">The transcript path of every requested format.</param>
/// <param name="ToWrite">The formats to write: all with -Force, else those whose file does not exist yet.</param>
public sealed record OutputPlan(TranscriptionInput Input, IReadOnlyDictionary<OutputFormat, string> Paths, IReadOnlyList<OutputFormat> ToWrite)
{
    /// <summary>Every requested transcript exists and -Force was not given: nothing to do.</summary>
    public bool IsDone => ToWrite.Count == 0;

    /// <summary>The transcripts of the file that exist now, in the order of the requested formats.</summary>
    public IReadOnlyList<string> ExistingFiles() => Paths.Values.Where(File.Exists).ToList();
}
