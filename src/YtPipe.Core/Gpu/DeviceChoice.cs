namespace YtPipe.Core.Gpu;

/// <summary>The device a user asks for.</summary>
public enum DeviceChoice
{
    /// <summary>Cuda when a GPU is found and the CUDA runtime is bundled, else Cpu.</summary>
    Auto,
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>NVIDIA GPUs through CUDA.</summary>
    Cuda,
}
