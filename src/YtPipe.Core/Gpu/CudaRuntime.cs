using System.Runtime.InteropServices;

namespace YtPipe.Core.Gpu;

/// <summary>Whether this build carries Whisper.net's CUDA runtime (./build.ps1 -Cuda).</summary>
internal static class CudaRuntime
{
    /// <summary>True when runtimes/cuda/&lt;rid&gt;/ sits beside Whisper.net, where Whisper.net looks for it.</summary>
    public static bool IsBundled
    {
        get
        {
            var whisper = Path.GetDirectoryName(typeof(Whisper.net.WhisperFactory).Assembly.Location);
            if (string.IsNullOrEmpty(whisper))
            {
                return false;
            }
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux" : "macos";
            var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            return Directory.Exists(Path.Combine(whisper, "runtimes", "cuda", $"{os}-{arch}"));
        }
    }
}
