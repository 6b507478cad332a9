using YtPipe.Core.Batch;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Batch.Examples;

// The example of docs/engine/custom-strategy.md, compiled and run by CustomStrategyTests so the
// document cannot drift from the API.

/// <summary>
/// Leaves some cores to other work on a shared server: CPU workers of two threads each over the
/// cores that remain.
/// </summary>
public sealed class ReserveCoresStrategy(int reservedCores) : IBatchStrategy
{
    public string Name => "ReserveCores";

    public WorkerPlan Plan(StrategyContext context)
    {
        var usable = Math.Max(1, context.LogicalCores - reservedCores);
        var threads = Math.Min(2, usable);
        var workers = Math.Max(1, usable / threads);
        var slots = Enumerable.Range(0, workers)
            .Select(i => new WorkerSlot(i, DeviceSpec.Cpu, threads))
            .ToList();
        return new WorkerPlan(Name, slots, $"{reservedCores} of {context.LogicalCores} cores left to other work");
    }
}
