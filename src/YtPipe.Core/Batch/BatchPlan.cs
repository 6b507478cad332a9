using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>What <see cref="BatchPlanner"/> decided: the device kind, the workers, and the notes for the user.</summary>
public sealed record BatchPlan(DeviceKind Device, WorkerPlan Workers, IReadOnlyList<PlanNote> Notes)
{
    /// <summary>Whether any worker runs on a GPU.</summary>
    public bool UsesGpu => Workers.Workers.Any(w => w.Device.Kind == DeviceKind.Cuda);
}
