namespace YtPipe.PowerShell;

/// <summary>One NVIDIA GPU, as Get-YtGpu emits it. Index is the value -GpuIndex takes.</summary>
public sealed class GpuDevice
{
    /// <summary>nvidia-smi's index; YtPipe makes CUDA number GPUs the same way.</summary>
    public int Index { get; init; }

    /// <summary>The product name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Total memory in MiB; null where nvidia-smi says [N/A].</summary>
    public long? MemoryTotalMiB { get; init; }

    /// <summary>Free memory in MiB; null where nvidia-smi says [N/A].</summary>
    public long? MemoryFreeMiB { get; init; }

    /// <summary>The GPU's UUID.</summary>
    public string? Uuid { get; init; }

    /// <summary>The PCI bus id.</summary>
    public string? PciBusId { get; init; }

    /// <summary>The NVIDIA driver version.</summary>
    public string? DriverVersion { get; init; }
}
