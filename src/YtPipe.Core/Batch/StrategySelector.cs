using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// The seed tool's factory rule: Cuda with more than one worker and more than one GPU → MultiGpu;
/// Cpu with more than one worker → ParallelCpu; otherwise Sequential. With workers left to choose
/// (0), a CPU machine gets as many workers as <see cref="ParallelCpuStrategy"/> would plan and a
/// GPU machine one per GPU.
/// </summary>
public static class StrategySelector
{
    /// <summary>The strategy for <paramref name="context"/>, and why.</summary>
    public static (IBatchStrategy Strategy, string Why) Choose(StrategyContext context)
    {
        if (context.Device == DeviceKind.Cuda)
        {
            var workers = context.Workers > 0 ? context.Workers : context.Gpus.Count;
            return workers > 1 && context.Gpus.Count > 1
                ? (new MultiGpuStrategy(), $"Cuda with {workers} workers and {context.Gpus.Count} GPUs")
                : (new SequentialStrategy(), context.Gpus.Count > 1 ? "Cuda with one worker" : "Cuda with one GPU");
        }
        var cpuWorkers = context.Workers > 0 ? context.Workers : new ParallelCpuStrategy().Plan(context).Workers.Count;
        return cpuWorkers > 1
            ? (new ParallelCpuStrategy(), $"Cpu with {cpuWorkers} workers")
            : (new SequentialStrategy(), context.Workers == 1 ? "Cpu with one worker, as asked" : $"Cpu, where one worker uses the {context.LogicalCores} logical cores best");
    }
}
