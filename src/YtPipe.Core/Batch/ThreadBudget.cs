namespace YtPipe.Core.Batch;

/// <summary>The CPU thread rules every strategy shares.</summary>
public static class ThreadBudget
{
    /// <summary>
    /// Threads past which one whisper.cpp context stops scaling well on CPU; more cores are better
    /// spent on more workers (whisper.cpp's CLI defaults to min(4, cores) for the same reason).
    /// </summary>
    public const int ThreadsPerContext = 4;

    /// <summary>A single context on an otherwise idle machine still gains up to about this many threads.</summary>
    public const int MaxThreadsSingleContext = 8;

    /// <summary>Threads for each of <paramref name="workers"/> CPU workers sharing <paramref name="cores"/>.</summary>
    public static int PerWorker(int workers, int cores) =>
        workers <= 1 ? Math.Clamp(cores, 1, MaxThreadsSingleContext) : Math.Clamp(cores / workers, 1, ThreadsPerContext);
}
