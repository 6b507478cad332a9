using YtPipe.Core.Errors;
using YtPipe.Core.Gpu;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// Turns what a user asked for (device, strategy, workers, threads, GPUs) and what the machine has
/// into a worker plan. An option the plan cannot honour is never dropped silently: it is named in
/// a warning that says what runs instead, and a contradiction is an error before any work starts.
/// </summary>
public static class BatchPlanner
{
    /// <summary>Whether the plan depends on the GPUs: only then is nvidia-smi worth asking (it can take seconds).</summary>
    public static bool NeedsGpuList(PlanRequest request) =>
        request.Device != DeviceChoice.Cpu && request.Strategy != StrategyChoice.ParallelCpu;

    /// <summary>Plans the workers.</summary>
    /// <param name="request">What was asked.</param>
    /// <param name="gpus">What nvidia-smi said; ignored when <see cref="NeedsGpuList"/> is false.</param>
    /// <exception cref="InvalidOptionException">The options contradict each other, or name a GPU that does not exist.</exception>
    public static BatchPlan Plan(PlanRequest request, GpuQueryResult gpus)
    {
        var notes = new List<PlanNote>();
        void Verbose(string text) => notes.Add(new PlanNote(BatchMessageLevel.Verbose, text));
        void Warn(string text) => notes.Add(new PlanNote(BatchMessageLevel.Warning, text));

        RefuseContradictions(request);
        var asksForGpus = request.GpuIndex is { Count: > 0 };
        DeviceKind kind;
        IReadOnlyList<int> useGpus = [];
        if (!NeedsGpuList(request))
        {
            kind = DeviceKind.Cpu;
            Verbose(request.Device == DeviceChoice.Cpu ? "Device Cpu: asked for." : "Device Cpu: the ParallelCpu strategy runs on the CPU.");
        }
        else
        {
            if (gpus.Problem is not null)
            {
                Verbose($"No GPUs: {gpus.Problem}.");
            }
            string why;
            (kind, useGpus, why) = DeviceResolver.Resolve(request.Device, gpus.Gpus, request.CudaRuntimeBundled, request.GpuIndex);
            if (request.Strategy == StrategyChoice.MultiGpu && kind != DeviceKind.Cuda)
            {
                kind = DeviceKind.Cuda;
                useGpus = asksForGpus ? request.GpuIndex!.Distinct().ToList() : gpus.Gpus.Select(g => g.Index).ToList();
                why = "the MultiGpu strategy runs on GPUs";
            }
            Verbose($"Device {kind}: {why}.");
        }
        if (asksForGpus && kind == DeviceKind.Cpu)
        {
            Warn($"GPU index {string.Join(", ", request.GpuIndex!)} is ignored: the work runs on the CPU ({CpuReason(request, gpus)}).");
        }

        var context = new StrategyContext
        {
            Device = kind,
            Workers = request.Workers,
            Threads = request.Threads,
            Gpus = kind == DeviceKind.Cuda ? useGpus : [],
            FileCount = request.FileCount,
            LogicalCores = request.LogicalCores,
        };
        var (strategy, strategyWhy) = request.Strategy switch
        {
            StrategyChoice.Sequential => (new SequentialStrategy(), "asked for"),
            StrategyChoice.ParallelCpu => (new ParallelCpuStrategy(), "asked for"),
            StrategyChoice.MultiGpu => ((IBatchStrategy)new MultiGpuStrategy(), "asked for"),
            _ => StrategySelector.Choose(context),
        };
        var plan = strategy.Plan(context);
        Verbose($"Strategy {plan.Strategy} ({strategyWhy}): {plan.Describe()}; {plan.Reason}.");

        if (request.Workers > 1 && plan.Workers.Count == 1 && request.FileCount is not 1)
        {
            Warn(request.Strategy == StrategyChoice.Sequential
                ? $"{request.Workers} workers were asked for, but the Sequential strategy runs one worker: one worker runs."
                : kind == DeviceKind.Cuda
                    ? $"{request.Workers} workers were asked for, but with {useGpus.Count} GPU the rule runs one worker on {plan.Workers[0].Device} (the MultiGpu strategy puts several workers on one GPU)."
                    : $"{request.Workers} workers were asked for, but one worker runs.");
        }
        var cpuThreads = plan.Workers.Where(w => w.Device.Kind == DeviceKind.Cpu).Sum(w => w.Threads);
        if (cpuThreads > request.LogicalCores)
        {
            Warn($"{plan.Describe()} is {cpuThreads} threads on {request.LogicalCores} logical cores: the workers will slow each other down.");
        }
        if (kind == DeviceKind.Cuda && !request.CudaRuntimeBundled)
        {
            Warn($"This build has no CUDA runtime: the CPU will do the work, and the results will say so. For GPU support: {HostWording.Command(HostWording.BuildWithCuda)}.");
        }
        return new BatchPlan(kind, plan, notes);
    }

    private static void RefuseContradictions(PlanRequest request)
    {
        if (request.Device == DeviceChoice.Cuda && request.Strategy == StrategyChoice.ParallelCpu)
        {
            throw new InvalidOptionException("Device Cuda and strategy ParallelCpu contradict each other: ParallelCpu runs on the CPU.", "ParallelCpu")
            {
                Fix = "Drop one of them: Cuda with the Auto or MultiGpu strategy, or ParallelCpu on the CPU.",
            };
        }
        if (request.Device == DeviceChoice.Cpu && request.Strategy == StrategyChoice.MultiGpu)
        {
            throw new InvalidOptionException("Device Cpu and strategy MultiGpu contradict each other: MultiGpu runs on GPUs.", "MultiGpu")
            {
                Fix = "Drop one of them: MultiGpu with the Auto or Cuda device, or ParallelCpu on the CPU.",
            };
        }
    }

    private static string CpuReason(PlanRequest request, GpuQueryResult gpus) =>
        request.Device == DeviceChoice.Cpu ? "device Cpu was asked for"
        : request.Strategy == StrategyChoice.ParallelCpu ? "the ParallelCpu strategy runs on the CPU"
        : gpus.Gpus.Count == 0 ? "no GPU was found"
        : "this build has no CUDA runtime";
}
