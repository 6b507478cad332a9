namespace YtPipe.Core.Batch;

/// <summary>How one file ended.</summary>
public enum FileStatus
{
    /// <summary>Transcripts were written.</summary>
    Transcribed,
    /// <summary>Every requested transcript already existed (use -Force to redo).</summary>
    Skipped,
    /// <summary>The file could not be transcribed; see the error.</summary>
    Failed,
}
