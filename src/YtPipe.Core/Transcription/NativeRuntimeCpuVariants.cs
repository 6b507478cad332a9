using System.Diagnostics;
using System.Runtime.InteropServices;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Loads the CPU backend of a portable runtime (<c>build.ps1 -Task NativeRuntime -Portable</c>):
/// whisper.cpp built with <c>GGML_BACKEND_DL</c> and <c>GGML_CPU_ALL_VARIANTS</c> has no CPU code
/// in its core libraries, only one <c>libggml-cpu-&lt;variant&gt;.so</c> per instruction-set level,
/// and ggml picks the best one for this CPU in <c>ggml_backend_load_all_from_path</c>. Neither
/// libwhisper nor Whisper.net 1.9.1 calls that function (whisper.cpp's own programs do, in main),
/// so without this call <c>whisper_init</c> finds no CPU device and fails.
/// </summary>
internal static class NativeRuntimeCpuVariants
{
    /// <summary>The file-name prefix ggml looks for (<c>ggml_backend_load_best("cpu")</c>).</summary>
    public const string FilePrefix = "libggml-cpu-";

    /// <summary>
    /// The portable runtime's extra CPU module: the zen4 variant's instruction sets plus AVX512-FP16,
    /// which none of ggml's variants is compiled with. Named outside ggml's prefix, because ggml's own
    /// check (<c>ggml_backend_score</c>) cannot see AVX512-FP16: the module loads it by name only on a
    /// CPU that has every flag in <see cref="Avx512Fp16Needs"/>.
    /// </summary>
    public const string Avx512Fp16Module = "libytpipe-ggml-cpu-avx512fp16.so";

    /// <summary>What <see cref="Avx512Fp16Module"/> is compiled for, as /proc/cpuinfo names the flags.</summary>
    public static readonly IReadOnlyList<string> Avx512Fp16Needs =
    [
        "sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw",
        "avx512vbmi", "avx512_vnni", "avx512_bf16", "avx512_fp16",
    ];

    // ggml_backend_dev_type: GGML_BACKEND_DEVICE_TYPE_CPU is 0 in ggml-backend.h of v1.8.5.
    private const int DeviceTypeCpu = 0;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LoadAllFromPath([MarshalAs(UnmanagedType.LPUTF8Str)] string directory);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr LoadOne([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr DeviceByType(int type);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogCallback(int level, IntPtr text, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogSet(IntPtr callback, IntPtr userData);

    // ggml reports the variant it loaded on stderr, straight onto the user's console; the module
    // says it in -Verbose instead. Kept in a field: native code holds the pointer while it runs.
    private static readonly LogCallback Quiet = (_, _, _) => { };

    /// <summary>The variant libraries a portable runtime's folder holds (none in a native build).</summary>
    public static IReadOnlyList<string> InFolder(string libraryFolder) =>
        Directory.Exists(libraryFolder)
            ? Directory.GetFiles(libraryFolder, FilePrefix + "*.so").Select(Path.GetFileName).OfType<string>()
                // Whisper.net's name for a CPU backend linked into ggml: it must not be among the variants.
                .Where(f => !f.Equals(FilePrefix + "whisper.so", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// The extra module to load by name instead of ggml's choice: <see cref="Avx512Fp16Module"/> when
    /// <paramref name="libraryFolder"/> holds it and this CPU has all it needs; otherwise null.
    /// </summary>
    /// <param name="libraryFolder">The runtime's library folder.</param>
    /// <param name="cpuFlags">This CPU's flags (/proc/cpuinfo); null when unknown, which never picks it.</param>
    public static string? ExtraModuleFor(string libraryFolder, IReadOnlySet<string>? cpuFlags) =>
        cpuFlags is not null && Avx512Fp16Needs.All(cpuFlags.Contains) && File.Exists(Path.Combine(libraryFolder, Avx512Fp16Module))
            ? Avx512Fp16Module
            : null;

    /// <summary>
    /// Loads ggml from <paramref name="libraryFolder"/> (the same files Whisper.net opens next, so
    /// the same library instances) and has it register a CPU backend: the extra module when
    /// <see cref="ExtraModuleFor"/> picks it, else the best of ggml's variants found there.
    /// </summary>
    /// <param name="libraryFolder">The runtime's library folder.</param>
    /// <param name="cpuFlags">This CPU's flags, for the extra module (null: ggml's variants only).</param>
    /// <param name="problem">Why nothing could be loaded.</param>
    /// <returns>The backend's file name, such as <c>libggml-cpu-zen4.so</c>; null with <paramref name="problem"/> set when none could be loaded.</returns>
    public static string? Load(string libraryFolder, IReadOnlySet<string>? cpuFlags, out string? problem)
    {
        problem = null;
        var opened = new List<IntPtr>();
        try
        {
            // Whisper.net's order: ggml-base first, because ggml needs it and neither carries an rpath to the other.
            foreach (var name in new[] { "libggml-base-whisper.so", "libggml-whisper.so" })
            {
                opened.Add(NativeLibrary.Load(Path.Combine(libraryFolder, name)));
            }
            var ggml = opened[^1];
            var loadAll = Marshal.GetDelegateForFunctionPointer<LoadAllFromPath>(NativeLibrary.GetExport(ggml, "ggml_backend_load_all_from_path"));
            var deviceByType = Marshal.GetDelegateForFunctionPointer<DeviceByType>(NativeLibrary.GetExport(ggml, "ggml_backend_dev_by_type"));
            var loadOne = Marshal.GetDelegateForFunctionPointer<LoadOne>(NativeLibrary.GetExport(ggml, "ggml_backend_load"));
            var logSet = Marshal.GetDelegateForFunctionPointer<LogSet>(NativeLibrary.GetExport(opened[0], "ggml_log_set"));
            logSet(Marshal.GetFunctionPointerForDelegate(Quiet), IntPtr.Zero);
            try
            {
                // ggml_backend_load registers the module when its own check passes; it returns null otherwise.
                if (ExtraModuleFor(libraryFolder, cpuFlags) is { } extra && loadOne(Path.Combine(libraryFolder, extra)) != IntPtr.Zero
                    && deviceByType(DeviceTypeCpu) != IntPtr.Zero)
                {
                    return extra;
                }
                loadAll(libraryFolder);
            }
            finally
            {
                // Back to ggml's default (stderr), which whisper.cpp's own logging then replaces as before.
                logSet(IntPtr.Zero, IntPtr.Zero);
            }
            if (deviceByType(DeviceTypeCpu) != IntPtr.Zero)
            {
                // ggml keeps the winner open and closes the others after scoring them.
                return LoadedVariant(libraryFolder) ?? $"{FilePrefix}*.so";
            }
            problem = $"ggml found no {FilePrefix}*.so there that loads on this CPU";
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            problem = e.Message;
        }
        // Closed again so that the stock runtime, loaded next, does not bind to these.
        for (var i = opened.Count - 1; i >= 0; i--) NativeLibrary.Free(opened[i]);
        return null;
    }

    private static string? LoadedVariant(string libraryFolder)
    {
        var folder = Path.GetFullPath(libraryFolder);
        try
        {
            using var process = Process.GetCurrentProcess();
            foreach (ProcessModule module in process.Modules)
            {
                if (module.FileName is { } file && Path.GetFileName(file) is { } name
                    && name.StartsWith(FilePrefix, StringComparison.Ordinal)
                    && string.Equals(Path.GetDirectoryName(Path.GetFullPath(file)), folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
                {
                    return name;
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
        }
        return null;
    }
}
