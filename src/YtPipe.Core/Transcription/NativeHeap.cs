using System.Runtime.InteropServices;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Gives freed native memory back to the system after each file. whisper.cpp allocates its
/// per-run buffers from threads that change from file to file, and glibc keeps what each thread's
/// malloc arena freed: measured over 100 one-second files with weightless tiny.en, the working set
/// climbed from 242 to 1499 MiB while the .NET heap stayed under 8 MiB. malloc_trim returns those
/// pages. Only glibc has it; elsewhere this does nothing.
/// </summary>
/// <remarks>
/// Before the first file it also fixes glibc's mmap threshold at its default, 128 KiB
/// (<see cref="KeepLargeBlocksMapped"/>). glibc raises the threshold each time a mapped block is
/// freed, up to 32 MiB, so after whisper.cpp's first run its per-run buffers (KV caches and compute
/// buffers of megabytes) come from the arenas, where two workers' buffers interleave and fragment.
/// Measured with two workers over 8 x 60 s WAV, weightless tiny.en, native runtime: peak 389 to
/// 343 MiB, and 243 to 160 MiB left after the batch.
/// </remarks>
internal static class NativeHeap
{
    /// <summary>glibc's environment variable for the threshold: a user who sets it keeps it.</summary>
    public const string MmapThresholdVariable = "MALLOC_MMAP_THRESHOLD_";

    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in malloc.h
    private const int MmapThresholdBytes = 128 * 1024;

    private static readonly IntPtr Libc = LoadLibc();
    private static readonly MallocTrim? Trimmer = Export<MallocTrim>("malloc_trim");
    private static readonly Lazy<bool> MappedLargeBlocks = new(() =>
        FixMmapThreshold(Export<Mallopt>("mallopt") is { } mallopt ? (option, value) => mallopt(option, value) : null,
            Environment.GetEnvironmentVariable(MmapThresholdVariable)));

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallocTrim(nuint pad);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Mallopt(int option, int value);

    /// <summary>Returns free heap memory to the system, where the C library can.</summary>
    public static void Trim() => Trimmer?.Invoke(0);

    /// <summary>
    /// Keeps blocks of 128 KiB and more in their own mappings, returned to the system when freed
    /// (once per process; glibc only). True when the threshold is fixed now or was before.
    /// </summary>
    public static bool KeepLargeBlocksMapped() => MappedLargeBlocks.Value;

    /// <summary>
    /// Sets M_MMAP_THRESHOLD (malloc.h: -3) to 128 KiB through <paramref name="mallopt"/>, unless the
    /// user set <see cref="MmapThresholdVariable"/>. True when glibc took it (mallopt returns 1).
    /// </summary>
    /// <param name="mallopt">glibc's mallopt; null where there is none.</param>
    /// <param name="userSetting">The value of <see cref="MmapThresholdVariable"/>, or null.</param>
    public static bool FixMmapThreshold(Func<int, int, int>? mallopt, string? userSetting) =>
        mallopt is not null && ShouldFixMmapThreshold(userSetting) && mallopt(MmapThresholdOption, MmapThresholdBytes) == 1;

    /// <summary>Whether YtPipe sets the threshold: not when the user has set glibc's own variable.</summary>
    /// <param name="userSetting">The value of <see cref="MmapThresholdVariable"/>, or null.</param>
    public static bool ShouldFixMmapThreshold(string? userSetting) => string.IsNullOrWhiteSpace(userSetting);

    private static IntPtr LoadLibc() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && NativeLibrary.TryLoad("libc.so.6", out var libc) ? libc : IntPtr.Zero;

    private static T? Export<T>(string name) where T : Delegate =>
        Libc != IntPtr.Zero && NativeLibrary.TryGetExport(Libc, name, out var address) ? Marshal.GetDelegateForFunctionPointer<T>(address) : null;
}
