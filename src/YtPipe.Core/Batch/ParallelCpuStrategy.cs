using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// Several CPU workers over one shared model (the seed loaded one per file). Unless told otherwise,
/// each worker gets up to <see cref="ThreadBudget.ThreadsPerContext"/> threads and the workers fill the cores.
/// </summary>
public sealed class ParallelCpuStrategy : IBatchStrategy
{
    public string Name => "ParallelCpu";

    public WorkerPlan Plan(StrategyContext context)
    {
        var cores = Math.Max(1, context.LogicalCores);
        int workers, threads;
        string why;
        if (context.Workers > 0)
        {
            // More workers than files would only idle (they cost nothing until they get a file,
            // but would take threads from the others).
            workers = context.FileCount is { } files ? Math.Clamp(files, 1, context.Workers) : context.Workers;
            threads = context.Threads > 0 ? context.Threads : ThreadBudget.PerWorker(workers, cores);
            why = $"{workers} workers as asked, {threads} thread(s) each";
        }
        else
        {
            threads = context.Threads > 0 ? context.Threads : ThreadBudget.ForBatch(cores);
            workers = Math.Max(1, cores / threads);
            if (context.FileCount is { } n && n < workers)
            {
                // Fewer files than workers: the files get the cores as threads instead.
                workers = Math.Max(1, n);
                if (context.Threads == 0) threads = ThreadBudget.PerWorker(workers, cores);
            }
            why = $"{threads} thread(s) per worker (more workers before more threads: whisper contexts idle while decoding and between files), {workers} worker(s) to fill {cores} logical cores" +
                  (context.FileCount is { } c && c < cores / Math.Max(1, threads) ? $" with {c} file(s)" : "");
        }
        var slots = Enumerable.Range(0, workers).Select(i => new WorkerSlot(i, DeviceSpec.Cpu, threads)).ToList();
        return new WorkerPlan(Name, slots, why);
    }
}
