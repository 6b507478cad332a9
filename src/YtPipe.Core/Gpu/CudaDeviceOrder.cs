namespace YtPipe.Core.Gpu;

/// <summary>
/// nvidia-smi numbers GPUs by PCI bus, CUDA by default fastest first. Setting
/// <c>CUDA_DEVICE_ORDER=PCI_BUS_ID</c> in the C library's environment before the native runtime
/// starts makes them agree, so the index Get-YtGpu shows is the device that does the work. A value
/// the user set is kept.
/// </summary>
internal static class CudaDeviceOrder
{
    /// <summary>The variable CUDA reads once, when it initialises.</summary>
    public const string Variable = "CUDA_DEVICE_ORDER";

    /// <summary>Sets the PCI bus order unless the user chose an order; call before the first model loads.</summary>
    public static void EnsurePciBusOrder() => NativeEnvironment.Set(Variable, "PCI_BUS_ID", overwrite: false);
}
