namespace YtPipe.PowerShell;

/// <summary>One input of an output folder, as Get-YtTranscriptionReport reads it.</summary>
public sealed class TranscriptionReportEntry
{
    /// <summary>
    /// The properties that describe the outcome, and only it: equal for a sharded run and a
    /// one-machine run over the same corpus (the rest say who did the work, where and how fast).
    /// <c>Compare-Object $a $b -Property ([YtPipe.PowerShell.TranscriptionReportEntry]::ComparisonProperties)</c>.
    /// </summary>
    public static string[] ComparisonProperties { get; } = ["Name", "InputPath", "Status", "Language", "Duration", "Model", "ErrorId"];

    /// <summary>The transcripts' path relative to the folder reported, without extension ('/'-separated).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The input file, as the process that transcribed it saw it.</summary>
    public string? InputPath { get; init; }

    /// <summary>Transcribed, or Failed when the last attempt failed.</summary>
    public TranscriptionStatus Status { get; init; }

    /// <summary>The language written.</summary>
    public string? Language { get; init; }

    /// <summary>Length of the audio.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The model name.</summary>
    public string? Model { get; init; }

    /// <summary>What did the work (cpu, cuda:0).</summary>
    public string? Device { get; init; }

    /// <summary>The model's weight type.</summary>
    public string? ComputeType { get; init; }

    /// <summary>The shard (K/N) that wrote it; null for an unsharded run.</summary>
    public string? Shard { get; init; }

    /// <summary>Time spent on the file.</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>The error id of the last attempt, when it failed.</summary>
    public string? ErrorId { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The transcript files in place.</summary>
    public string[] OutputFiles { get; init; } = [];

    /// <summary>The file this entry was read from (a JSON transcript or a YtPipe record).</summary>
    public string RecordPath { get; init; } = string.Empty;
}
