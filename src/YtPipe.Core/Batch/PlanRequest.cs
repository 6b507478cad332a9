using YtPipe.Core.Gpu;

namespace YtPipe.Core.Batch;

/// <summary>What a host asks of <see cref="BatchPlanner"/>: the user's choices and what is known of the input.</summary>
public sealed record PlanRequest
{
    /// <summary>The device asked for.</summary>
    public DeviceChoice Device { get; init; }

    /// <summary>The strategy asked for.</summary>
    public StrategyChoice Strategy { get; init; }

    /// <summary>Workers asked for; 0 lets the plan choose.</summary>
    public int Workers { get; init; }

    /// <summary>Threads per worker asked for; 0 lets the plan choose.</summary>
    public int Threads { get; init; }

    /// <summary>The GPUs asked for, by nvidia-smi index; null or empty means all.</summary>
    public IReadOnlyList<int>? GpuIndex { get; init; }

    /// <summary>How many files the batch has, when known before it starts (1 gets the single-file plan).</summary>
    public int? FileCount { get; init; }

    /// <summary>Logical cores of the machine.</summary>
    public int LogicalCores { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether this build carries the CUDA runtime.</summary>
    public bool CudaRuntimeBundled { get; init; }
}
