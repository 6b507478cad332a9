using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>One worker, one file at a time, with every useful thread.</summary>
public sealed class SequentialStrategy : IBatchStrategy
{
    public string Name => "Sequential";

    public WorkerPlan Plan(StrategyContext context)
    {
        var device = context.Device == DeviceKind.Cuda ? new DeviceSpec(DeviceKind.Cuda, context.Gpus.FirstOrDefault()) : DeviceSpec.Cpu;
        var threads = context.Threads > 0 ? context.Threads
            : device.Kind == DeviceKind.Cuda ? Math.Clamp(context.LogicalCores, 1, ThreadBudget.ThreadsPerContext)
            : ThreadBudget.PerWorker(1, context.LogicalCores);
        var why = context.Threads > 0 ? $"{threads} thread(s) as asked" : $"{threads} thread(s) for {context.LogicalCores} logical cores";
        return new WorkerPlan(Name, [new WorkerSlot(0, device, threads)], $"one worker on {device}, {why}");
    }
}
