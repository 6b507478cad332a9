namespace YtPipe.Core.Transcription;

/// <summary>One device a model can be loaded on: the CPU, or one GPU by its nvidia-smi index.</summary>
public sealed record DeviceSpec(DeviceKind Kind, int GpuIndex = 0)
{
    /// <summary>The CPU.</summary>
    public static DeviceSpec Cpu { get; } = new(DeviceKind.Cpu);

    /// <summary><c>cpu</c> or <c>cuda:N</c>.</summary>
    public override string ToString() => Kind == DeviceKind.Cpu ? "cpu" : $"cuda:{GpuIndex}";
}
