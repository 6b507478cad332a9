namespace YtPipe.Core.Batch;

/// <summary>The strategy a user asks for; <see cref="Auto"/> applies the seed tool's rule (<see cref="StrategySelector"/>).</summary>
public enum StrategyChoice
{
    /// <summary>The rule chooses.</summary>
    Auto,
    /// <summary>One worker.</summary>
    Sequential,
    /// <summary>Several CPU workers over one model.</summary>
    ParallelCpu,
    /// <summary>Workers spread over GPUs.</summary>
    MultiGpu,
}
