namespace YtPipe.Core.Batch;

/// <summary>How loud a <see cref="BatchMessageEvent"/> is.</summary>
public enum BatchMessageLevel
{
    /// <summary>Detail for -Verbose.</summary>
    Verbose,
    /// <summary>Something the user should know, though the work goes on.</summary>
    Warning,
}
