using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>One worker of a plan: the device it uses and how many threads its whisper context runs.</summary>
public sealed record WorkerSlot(int Index, DeviceSpec Device, int Threads);
