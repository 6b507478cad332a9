namespace YtPipe.PowerShell;

/// <summary>The totals of an output folder, from Get-YtTranscriptionReport -Summary.</summary>
public sealed class TranscriptionReportSummary
{
    /// <summary>The folders reported.</summary>
    public string[] Path { get; init; } = [];

    /// <summary>Inputs reported.</summary>
    public int Files { get; init; }

    /// <summary>Inputs transcribed.</summary>
    public int Transcribed { get; init; }

    /// <summary>Inputs whose last attempt failed.</summary>
    public int Failed { get; init; }

    /// <summary>Audio transcribed.</summary>
    public TimeSpan Audio { get; init; }

    /// <summary>Time spent on the inputs, summed over every shard and worker (not wall time).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The shards that wrote.</summary>
    public string[] Shards { get; init; } = [];

    /// <summary>The models used.</summary>
    public string[] Models { get; init; } = [];

    /// <summary>The devices used.</summary>
    public string[] Devices { get; init; } = [];

    /// <summary>Failures by error id ("AudioDecodeFailed=2"), most frequent first.</summary>
    public string[] Failures { get; init; } = [];

    /// <summary>Files that could not be read as records or transcripts.</summary>
    public int Unreadable { get; init; }
}
