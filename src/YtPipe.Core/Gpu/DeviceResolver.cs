using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Gpu;

/// <summary>Turns the device asked for into the device kind and GPUs a plan uses, with the reason in words.</summary>
internal static class DeviceResolver
{
    /// <summary>Resolves <paramref name="choice"/>.</summary>
    /// <param name="choice">What the user asked for.</param>
    /// <param name="gpus">What nvidia-smi listed.</param>
    /// <param name="cudaRuntimeBundled">Whether the CUDA runtime is in this build.</param>
    /// <param name="gpuIndex">The GPUs the user named; null or empty means all.</param>
    /// <exception cref="InvalidOptionException">A named GPU index is not on the list.</exception>
    public static (DeviceKind Kind, IReadOnlyList<int> Gpus, string Why) Resolve(
        DeviceChoice choice, IReadOnlyList<GpuInfo> gpus, bool cudaRuntimeBundled, IReadOnlyList<int>? gpuIndex)
    {
        var known = gpus.Select(g => g.Index).ToList();
        IReadOnlyList<int> chosen = known;
        if (gpuIndex is { Count: > 0 })
        {
            var unknown = gpuIndex.Where(i => !known.Contains(i)).ToList();
            if (unknown.Count > 0 && choice != DeviceChoice.Cpu)
            {
                throw new InvalidOptionException(
                    $"{HostWording.Option("GpuIndex")} {string.Join(", ", unknown)}: no such GPU. nvidia-smi lists {(known.Count == 0 ? "none" : string.Join(", ", known))} (see {HostWording.Command(HostWording.ListGpus)}).",
                    string.Join(",", unknown));
            }
            chosen = gpuIndex.Distinct().ToList();
        }
        return choice switch
        {
            DeviceChoice.Cpu => (DeviceKind.Cpu, [], $"{HostWording.Option("Device")} Cpu"),
            DeviceChoice.Cuda => (DeviceKind.Cuda, chosen, chosen.Count == 0 ? $"{HostWording.Option("Device")} Cuda, but no GPU was found" : $"{HostWording.Option("Device")} Cuda with {chosen.Count} GPU(s)"),
            _ when chosen.Count > 0 && cudaRuntimeBundled => (DeviceKind.Cuda, chosen, $"{chosen.Count} GPU(s) found and the CUDA runtime is bundled"),
            _ when chosen.Count > 0 => (DeviceKind.Cpu, [], $"{chosen.Count} GPU(s) found, but this build has no CUDA runtime ({HostWording.Command(HostWording.BuildWithCuda)})"),
            _ => (DeviceKind.Cpu, [], "no GPU found"),
        };
    }
}
