using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>What a strategy plans from: the device asked for, the user's numbers (0 = choose), and the machine.</summary>
public sealed record StrategyContext
{
    /// <summary>The device kind the work runs on (Auto already resolved).</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Cpu;

    /// <summary>Workers asked for; 0 lets the strategy choose.</summary>
    public int Workers { get; init; }

    /// <summary>Threads per worker asked for; 0 lets the strategy choose.</summary>
    public int Threads { get; init; }

    /// <summary>Logical cores of the machine.</summary>
    public int LogicalCores { get; init; } = Environment.ProcessorCount;

    /// <summary>nvidia-smi indices of the GPUs to use.</summary>
    public IReadOnlyList<int> Gpus { get; init; } = [];

    /// <summary>How many files the batch has, when known up front.</summary>
    public int? FileCount { get; init; }
}
