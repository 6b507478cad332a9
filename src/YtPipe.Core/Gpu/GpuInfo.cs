namespace YtPipe.Core.Gpu;

/// <summary>One NVIDIA GPU as nvidia-smi reports it. Fields nvidia-smi shows as [N/A] are null.</summary>
/// <param name="Index">nvidia-smi's index (PCI bus order; YtPipe makes CUDA use the same order).</param>
/// <param name="Name">The product name.</param>
/// <param name="MemoryTotalMiB">Total memory in MiB.</param>
/// <param name="MemoryFreeMiB">Free memory in MiB.</param>
/// <param name="Uuid">The GPU's UUID (GPU-...).</param>
/// <param name="PciBusId">The PCI bus id (00000000:01:00.0).</param>
/// <param name="DriverVersion">The driver version.</param>
public sealed record GpuInfo(int Index, string Name, long? MemoryTotalMiB, long? MemoryFreeMiB, string? Uuid, string? PciBusId, string? DriverVersion);
