namespace YtPipe.PowerShell;

/// <summary>How one file ended.</summary>
public enum TranscriptionStatus
{
    /// <summary>Transcripts were written.</summary>
    Transcribed,
    /// <summary>Every requested transcript already existed; -Force redoes it.</summary>
    Skipped,
    /// <summary>The file could not be transcribed; an error record says why.</summary>
    Failed,
}
