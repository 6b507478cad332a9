using System.Runtime.InteropServices;

namespace YtPipe.Core.Transcription;

/// <summary>
/// The CPU's instruction-set flags, as Linux's /proc/cpuinfo lists them. Only instruction-set
/// flags count when a native runtime's build CPU is compared with this one: the other flags
/// (hypervisor, power management, bugs) differ between machines that run the same code.
/// </summary>
internal static class CpuFlags
{
    // Prefixes of the flags that name instructions a compiler may emit under -march=native.
    private static readonly string[] InstructionSetPrefixes =
    [
        "sse", "ssse3", "pni", "avx", "fma", "f16c", "bmi", "popcnt", "abm", "lzcnt", "movbe", "aes",
        "pclmulqdq", "sha_ni", "xop", "adx", "rdrand", "rdseed", "amx", "vaes", "vpclmulqdq", "gfni", "cx16",
    ];

    /// <summary>This machine's flags; null where /proc/cpuinfo does not exist (not Linux) or cannot be read.</summary>
    public static IReadOnlySet<string>? ReadThisMachine()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }
        try
        {
            return Parse(File.ReadLines("/proc/cpuinfo"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The flags of the first processor in /proc/cpuinfo's lines.</summary>
    public static IReadOnlySet<string> Parse(IEnumerable<string> cpuinfoLines)
    {
        var line = cpuinfoLines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Contains(':'));
        return line is null
            ? new HashSet<string>()
            : line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="flag"/> names an instruction set (as opposed to a platform or bug flag).</summary>
    public static bool IsInstructionSet(string flag) =>
        InstructionSetPrefixes.Any(p => flag.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The instruction sets in <paramref name="required"/> that <paramref name="present"/> lacks, sorted.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> required, IReadOnlySet<string> present) =>
        required.Where(IsInstructionSet).Where(f => !present.Contains(f)).Distinct().Order(StringComparer.Ordinal).ToList();
}
