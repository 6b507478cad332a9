using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// Workers spread over GPUs, one model per GPU shared by its workers. Workers take files from one
/// queue, so a long file never leaves another GPU idle (the seed pinned files round-robin).
/// </summary>
public sealed class MultiGpuStrategy : IBatchStrategy
{
    public string Name => "MultiGpu";

    public WorkerPlan Plan(StrategyContext context)
    {
        if (context.Gpus.Count == 0)
        {
            throw new Errors.InvalidOptionException($"The MultiGpu strategy needs at least one GPU, and none was found (see {Errors.HostWording.Command(Errors.HostWording.ListGpus)}).");
        }
        var workers = context.Workers > 0 ? context.Workers : context.Gpus.Count;
        var threads = context.Threads > 0 ? context.Threads : Math.Clamp(context.LogicalCores / workers, 1, ThreadBudget.ThreadsPerContext);
        // Worker i goes to GPU i mod n: with more workers than GPUs each GPU gets its share.
        var slots = Enumerable.Range(0, workers)
            .Select(i => new WorkerSlot(i, new DeviceSpec(DeviceKind.Cuda, context.Gpus[i % context.Gpus.Count]), threads))
            .ToList();
        return new WorkerPlan(Name, slots,
            $"{workers} worker(s) over {context.Gpus.Count} GPU(s) ({string.Join(", ", context.Gpus.Select(g => "cuda:" + g))}), one model per GPU, {threads} CPU thread(s) each");
    }
}
