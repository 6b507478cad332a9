namespace YtPipe.Core.Transcription;

/// <summary>Where a model runs.</summary>
public enum DeviceKind
{
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>An NVIDIA GPU through the CUDA runtime.</summary>
    Cuda,
}
