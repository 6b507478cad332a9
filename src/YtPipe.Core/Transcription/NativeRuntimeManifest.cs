using System.Text.Json;
using System.Text.Json.Serialization;

namespace YtPipe.Core.Transcription;

/// <summary>
/// What <c>build.ps1 -Task NativeRuntime</c> records beside the libraries it installs
/// (<see cref="FileName"/>): which whisper.cpp it built and for which CPU. The module reads it
/// before it lets Whisper.net load those libraries, because a wrong version corrupts memory
/// (Whisper.net marshals <c>whisper_full_params</c> by layout) and a CPU without an instruction
/// the build used dies of SIGILL: neither can be caught once loaded.
/// </summary>
public sealed record NativeRuntimeManifest
{
    /// <summary>The manifest's file name, in the runtime's folder.</summary>
    public const string FileName = "ytpipe-runtime.json";

    /// <summary>whisper.cpp's version, such as <c>1.8.5</c>.</summary>
    [JsonPropertyName("whisper_cpp_version")]
    public string? WhisperCppVersion { get; init; }

    /// <summary>The git commit of the source that was built.</summary>
    [JsonPropertyName("whisper_cpp_commit")]
    public string? WhisperCppCommit { get; init; }

    /// <summary>The .NET runtime identifier the libraries are for, such as <c>linux-x64</c>.</summary>
    [JsonPropertyName("rid")]
    public string? Rid { get; init; }

    /// <summary><c>native</c>: compiled for the building CPU (-march=native); <c>portable</c>: every CPU variant, the best chosen at load.</summary>
    [JsonPropertyName("variant")]
    public string? Variant { get; init; }

    /// <summary>The building CPU's model name, for messages.</summary>
    [JsonPropertyName("cpu_model")]
    public string? CpuModel { get; init; }

    /// <summary>The building CPU's feature flags (as /proc/cpuinfo lists them); a native build may use any of them.</summary>
    [JsonPropertyName("cpu_flags")]
    public IReadOnlyList<string> CpuFlags { get => cpuFlags; init => cpuFlags = value ?? []; }

    // A manifest may say "cpu_flags": null (nothing required), which the serializer would pass on as is.
    private readonly IReadOnlyList<string> cpuFlags = [];

    /// <summary>Reads the manifest in <paramref name="folder"/>; null when there is none or it cannot be read.</summary>
    public static NativeRuntimeManifest? TryRead(string folder)
    {
        try
        {
            var path = Path.Combine(folder, FileName);
            return File.Exists(path) ? JsonSerializer.Deserialize<NativeRuntimeManifest>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
