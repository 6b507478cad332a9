namespace YtPipe.Core.Batch;

/// <summary>
/// Plans the workers of a batch. The built-in strategies are <see cref="SequentialStrategy"/>,
/// <see cref="ParallelCpuStrategy"/> and <see cref="MultiGpuStrategy"/>; a .NET host can plug in its
/// own and hand the plan to <see cref="TranscriptionBatch"/>, which runs every plan the same way.
/// </summary>
public interface IBatchStrategy
{
    /// <summary>The strategy's name, as -Strategy and -Verbose show it.</summary>
    string Name { get; }

    /// <summary>Decides the workers for <paramref name="context"/>.</summary>
    WorkerPlan Plan(StrategyContext context);
}
