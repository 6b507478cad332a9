using Whisper.net;
using Whisper.net.LibraryLoader;
using YtPipe.Core.Errors;
using YtPipe.Core.Gpu;
using YtPipe.Core.Models;
using YtPipe.Core.Vad;

namespace YtPipe.Core.Transcription;

/// <summary>Whisper.net over whisper.cpp. One <see cref="WhisperFactory"/> per device, shared by its workers.</summary>
public sealed class WhisperEngine(TranscriptionOptions options) : ITranscriptionEngine
{
    /// <inheritdoc />
    public ITranscriptionModel LoadModel(DeviceSpec device)
    {
        var info = GgmlModelInfo.Read(options.ModelPath);
        // For every device, not only Cuda: the first factory loads the native runtime, and a CUDA
        // build initialises CUDA then, reading the order once.
        CudaDeviceOrder.EnsurePciBusOrder();
        // Also before the first factory: Whisper.net loads its runtime then, once for the process.
        NativeRuntime.Configure();
        // Loaded where the whisper model is, so a bad VAD model is one error before any file.
        var vad = options.Vad is { } vadOptions ? SileroVadModel.Load(vadOptions) : null;
        WhisperFactory factory;
        try
        {
            factory = WhisperFactory.FromPath(options.ModelPath, new WhisperFactoryOptions
            {
                UseGpu = device.Kind == DeviceKind.Cuda,
                GpuDevice = device.GpuIndex,
                UseFlashAttention = options.FlashAttention,
            });
        }
        catch (WhisperModelLoadException e)
        {
            vad?.Dispose();
            throw new ModelInvalidException(options.ModelPath, "whisper.cpp could not load it", e)
            {
                Fix = "Download the model again and replace the file.",
            };
        }
        var used = device.Kind == DeviceKind.Cuda && RuntimeOptions.LoadedLibrary is RuntimeLibrary.Cuda
            ? device.ToString()
            : DeviceSpec.Cpu.ToString();
        var (runtime, notes) = NativeRuntime.Describe();
        return new WhisperModel(factory, options, used, info.ComputeType, runtime, notes, vad);
    }
}
