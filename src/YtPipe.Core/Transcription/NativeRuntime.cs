using System.Diagnostics;
using System.Runtime.InteropServices;
using Whisper.net;
using Whisper.net.LibraryLoader;
using YtPipe.Core.Batch;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Chooses between Whisper.net's stock whisper.cpp (compiled for AVX2 on x64) and a runtime built
/// for this CPU by <c>build.ps1 -Task NativeRuntime</c>, points Whisper.net at it through
/// <see cref="RuntimeOptions"/> before the first factory, and reports afterwards which one really
/// loaded. Whisper.net loads one runtime per process, so the choice is made once.
/// </summary>
/// <remarks>
/// The environment variable <see cref="EnvironmentVariable"/> steers it: unset or <c>auto</c> uses
/// the module's own native runtime (<see cref="DefaultFolder"/>) when one is installed and fits this
/// machine; <c>stock</c> always uses Whisper.net's; a folder path uses the native runtime there.
/// A native runtime that does not fit (another whisper.cpp version, a CPU lacking an instruction
/// the build used, another platform) is never loaded: the stock runtime runs, with a warning.
/// </remarks>
public static class NativeRuntime
{
    /// <summary>The whisper.cpp version Whisper.net 1.9.1 binds; its <c>whisper_full_params</c> layout is marshalled as is, so no other version may load.</summary>
    public const string WhisperCppVersion = "1.8.5";

    /// <summary>The commit of whisper.cpp's v1.8.5 tag (Whisper.net 1.9.1's submodule).</summary>
    public const string WhisperCppCommit = "f24588a272ae8e23280d9c220536437164e6ed28";

    /// <summary>The environment variable that chooses the runtime: <c>auto</c> (default), <c>stock</c>, or a native runtime's folder.</summary>
    public const string EnvironmentVariable = "YTPIPE_RUNTIME";

    /// <summary>The manifest's <c>variant</c> of a portable runtime (every CPU variant, the best loaded at start).</summary>
    public const string PortableVariant = "portable";

    private static readonly object Gate = new();
    private static NativeRuntimeChoice? configured;
    private static TranscriptionRuntime? loaded;

    /// <summary>Where <c>build.ps1 -Task NativeRuntime</c> installs the module's native runtime: <c>native/</c> beside the engine's assembly.</summary>
    public static string DefaultFolder =>
        Path.Combine(Path.GetDirectoryName(typeof(NativeRuntime).Assembly.Location) ?? AppContext.BaseDirectory, "native");

    /// <summary>Whisper.net's name for this platform's runtime folder (<c>linux-x64</c>, <c>win-x64</c>, <c>macos-arm64</c>).</summary>
    public static string PlatformFolder
    {
        get
        {
            var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macos"
                : "linux";
            return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        }
    }

    /// <summary>
    /// Decides which runtime to use. Pure, for tests: the caller supplies the setting, the
    /// default folder, this platform and this CPU's flags (null where they cannot be read).
    /// </summary>
    /// <param name="setting">The value of <see cref="EnvironmentVariable"/>, or null.</param>
    /// <param name="defaultFolder">The module's own native runtime folder.</param>
    /// <param name="platform">Whisper.net's platform folder name, such as <c>linux-x64</c>.</param>
    /// <param name="cpuFlags">This CPU's flags.</param>
    public static NativeRuntimeChoice Choose(string? setting, string defaultFolder, string platform, IReadOnlySet<string>? cpuFlags)
    {
        setting = string.IsNullOrWhiteSpace(setting) ? "auto" : setting.Trim();
        if (setting.Equals(TranscriptionRuntime.StockName, StringComparison.OrdinalIgnoreCase))
        {
            return Stock(BatchMessageLevel.Verbose, $"Runtime: Whisper.net's stock whisper.cpp ({EnvironmentVariable}={setting}).");
        }
        var asked = !setting.Equals("auto", StringComparison.OrdinalIgnoreCase);
        var folder = asked ? Path.GetFullPath(setting) : defaultFolder;
        var manifest = NativeRuntimeManifest.TryRead(folder);
        if (manifest is null)
        {
            return asked
                ? Stock(BatchMessageLevel.Warning, $"{EnvironmentVariable} names {folder}, which holds no native runtime ({NativeRuntimeManifest.FileName} is missing or unreadable): Whisper.net's stock whisper.cpp runs instead.")
                : Stock(BatchMessageLevel.Verbose, "Runtime: Whisper.net's stock whisper.cpp (no native runtime is installed; build.ps1 -Task NativeRuntime builds one for this CPU).");
        }
        string? problem = null;
        if (manifest.WhisperCppVersion != WhisperCppVersion || (manifest.WhisperCppCommit is { } commit && commit != WhisperCppCommit))
        {
            problem = $"it is whisper.cpp {manifest.WhisperCppVersion ?? "of unknown version"}, and this Whisper.net binds {WhisperCppVersion} only";
        }
        else if (!string.Equals(manifest.Rid, platform, StringComparison.Ordinal))
        {
            if (!asked && IsPortable(manifest))
            {
                // A package ships the portable runtime of one platform; on the others the stock
                // runtime is the expected one, not a fault to warn of at every start.
                return Stock(BatchMessageLevel.Verbose, $"Runtime: Whisper.net's stock whisper.cpp (the module's portable runtime is for {manifest.Rid ?? "another platform"}, and this is {platform}).");
            }
            problem = $"it was built for {manifest.Rid ?? "an unknown platform"}, and this is {platform}";
        }
        else if (!File.Exists(Path.Combine(folder, "runtimes", platform, LibraryFile("whisper"))))
        {
            problem = $"{Path.Combine("runtimes", platform, LibraryFile("whisper"))} is missing";
        }
        else if (IsPortable(manifest) && NativeRuntimeCpuVariants.InFolder(Path.Combine(folder, "runtimes", platform)).Count == 0)
        {
            problem = $"it is a portable build without its CPU variants ({Path.Combine("runtimes", platform, NativeRuntimeCpuVariants.FilePrefix)}*.so)";
        }
        else if (manifest.CpuFlags.Any(CpuFlags.IsInstructionSet))
        {
            if (cpuFlags is null)
            {
                problem = "it was built for one CPU, and this machine's CPU features cannot be read to check that they match";
            }
            else if (CpuFlags.Missing(manifest.CpuFlags, cpuFlags) is { Count: > 0 } missing)
            {
                problem = $"it was built for a CPU with {string.Join(", ", missing)}, which this CPU lacks";
            }
        }
        if (problem is not null)
        {
            return Stock(BatchMessageLevel.Warning, $"The native runtime in {folder} cannot be used here: {problem}. Whisper.net's stock whisper.cpp runs instead (slower); build.ps1 -Task NativeRuntime rebuilds it for this machine.");
        }
        return new NativeRuntimeChoice(folder,
            [new PlanNote(BatchMessageLevel.Verbose, $"Runtime: native whisper.cpp {manifest.WhisperCppVersion} ({manifest.Variant ?? "native"} build) from {folder}.")],
            IsPortable(manifest));
    }

    private static bool IsPortable(NativeRuntimeManifest manifest) =>
        string.Equals(manifest.Variant, PortableVariant, StringComparison.Ordinal);

    /// <summary>
    /// Makes the choice from the environment, once per process, and points Whisper.net at it.
    /// Call before the first <see cref="WhisperFactory"/>: after it, Whisper.net keeps what it loaded.
    /// </summary>
    internal static NativeRuntimeChoice Configure()
    {
        lock (Gate)
        {
            if (configured is not null) return configured;
            var cpuFlags = CpuFlags.ReadThisMachine();
            configured = Choose(Environment.GetEnvironmentVariable(EnvironmentVariable), DefaultFolder, PlatformFolder, cpuFlags);
            if (configured.Portable)
            {
                configured = LoadCpuVariant(configured, cpuFlags);
            }
            if (configured.Folder is not null)
            {
                // Whisper.net searches runtimes/<platform>/ under the folder of LibraryPath first,
                // then beside itself, where the stock runtime is: a native library that fails to
                // load (dlopen) falls through to the stock one, which Describe then reports.
                RuntimeOptions.LibraryPath = Path.Combine(configured.Folder, NativeRuntimeManifest.FileName);
            }
            return configured;
        }
    }

    // Before Whisper.net opens the libraries: they hold no CPU code until ggml has loaded a variant.
    private static NativeRuntimeChoice LoadCpuVariant(NativeRuntimeChoice choice, IReadOnlySet<string>? cpuFlags)
    {
        var libraries = Path.Combine(choice.Folder!, "runtimes", PlatformFolder);
        var variants = NativeRuntimeCpuVariants.InFolder(libraries);
        if (NativeRuntimeCpuVariants.Load(libraries, cpuFlags, out var problem) is { } loadedVariant)
        {
            var why = loadedVariant == NativeRuntimeCpuVariants.Avx512Fp16Module
                ? $"AVX512-FP16, which this CPU has and none of ggml's {variants.Count} variants uses"
                : $"the best for this CPU of {variants.Count} variants ({string.Join(", ", variants.Select(VariantName))})";
            return choice with
            {
                Notes = [.. choice.Notes, new PlanNote(BatchMessageLevel.Verbose, $"CPU backend: {loadedVariant}, {why}.")],
            };
        }
        return Stock(BatchMessageLevel.Warning,
            $"The portable runtime in {choice.Folder} cannot be used here: {problem}. Whisper.net's stock whisper.cpp runs instead (slower); build.ps1 -Task NativeRuntime -Portable rebuilds it.");
    }

    private static string VariantName(string file) =>
        Path.GetFileNameWithoutExtension(file)[NativeRuntimeCpuVariants.FilePrefix.Length..];

    /// <summary>
    /// Which runtime really loaded, and what to tell the user about it. Call after the first factory
    /// exists (the native library is loaded by then).
    /// </summary>
    internal static (TranscriptionRuntime Runtime, IReadOnlyList<PlanNote> Notes) Describe()
    {
        var choice = Configure();
        lock (Gate)
        {
            loaded ??= Inspect(choice);
        }
        var notes = new List<PlanNote>(choice.Notes);
        if (choice.Folder is not null && loaded.Name != TranscriptionRuntime.NativeName)
        {
            notes.Add(new PlanNote(BatchMessageLevel.Warning,
                $"The native runtime in {choice.Folder} did not load (built for another system, or damaged): Whisper.net's stock whisper.cpp runs instead. build.ps1 -Task NativeRuntime rebuilds it."));
        }
        notes.Add(new PlanNote(BatchMessageLevel.Verbose, $"whisper.cpp runtime: {loaded}."));
        return (loaded, notes);
    }

    private static TranscriptionRuntime Inspect(NativeRuntimeChoice choice)
    {
        var folder = LoadedWhisperFolder();
        var native = choice.Folder is not null && folder is not null
            && Path.GetFullPath(folder).StartsWith(Path.GetFullPath(choice.Folder), StringComparison.Ordinal);
        string? info;
        try
        {
            info = WhisperFactory.GetRuntimeInfo()?.Trim();
        }
        catch (Exception e) when (e is EntryPointNotFoundException or InvalidOperationException)
        {
            info = null;
        }
        return new TranscriptionRuntime
        {
            Name = native ? TranscriptionRuntime.NativeName : TranscriptionRuntime.StockName,
            SystemInfo = info,
            LibraryFolder = folder,
        };
    }

    // Whisper.net does not say which file it loaded; the process's module list does.
    private static string? LoadedWhisperFolder()
    {
        var name = LibraryFile("whisper");
        try
        {
            using var process = Process.GetCurrentProcess();
            foreach (ProcessModule module in process.Modules)
            {
                if (module.FileName is { } file && Path.GetFileName(file).Equals(name, StringComparison.Ordinal))
                {
                    return Path.GetDirectoryName(file);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
        }
        return null;
    }

    private static string LibraryFile(string name) =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? $"{name}.dll"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? $"lib{name}.dylib"
        : $"lib{name}.so";

    private static NativeRuntimeChoice Stock(BatchMessageLevel level, string text) => new(null, [new PlanNote(level, text)]);
}
