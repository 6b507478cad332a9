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

    /// <summary>
    /// Threads per worker when a batch leaves the plan to YtPipe: one per four cores, from 1 up to
    /// <see cref="ThreadsPerContext"/>. Measured on 2 cores (bench/RESULTS.md), two one-thread
    /// workers beat one two-thread worker by 7 % (tiny.en and base.en): one context's threads idle
    /// while its decoder works on small matrices and between files (decode, write), and another
    /// worker fills those gaps. So cores go to more workers first, and threads grow only on bigger
    /// machines, which keeps the number of workers (each with its own decoder state, about 120 MiB
    /// for base.en) near four: 2 cores 2x1, 4 cores 4x1, 8 cores 4x2, 16 cores 4x4, 32 cores 8x4.
    /// </summary>
    public static int ForBatch(int cores) => Math.Clamp(cores / 4, 1, ThreadsPerContext);

    /// <summary>Threads for each of <paramref name="workers"/> CPU workers sharing <paramref name="cores"/>.</summary>
    public static int PerWorker(int workers, int cores) =>
        workers <= 1 ? Math.Clamp(cores, 1, MaxThreadsSingleContext) : Math.Clamp(cores / workers, 1, ThreadsPerContext);
}
