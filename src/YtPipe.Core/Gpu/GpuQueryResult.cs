namespace YtPipe.Core.Gpu;

/// <summary>What asking nvidia-smi gave: the GPUs, or why there are none.</summary>
/// <param name="Gpus">The GPUs found; empty when there are none or nvidia-smi could not tell.</param>
/// <param name="Problem">Why the list is empty (no nvidia-smi, it failed, it hung); null when it answered.</param>
public sealed record GpuQueryResult(IReadOnlyList<GpuInfo> Gpus, string? Problem);
