using System.Text.Json;
using YtPipe.Core.Batch;
using YtPipe.Core.Transcription;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Transcription;

public sealed class NativeRuntimeTests : IDisposable
{
    private static readonly IReadOnlySet<string> Avx512Cpu = new HashSet<string> { "fpu", "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "hypervisor" };
    private static readonly IReadOnlySet<string> Avx2Cpu = new HashSet<string> { "fpu", "sse4_2", "avx", "avx2", "fma" };

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string Install(string version = NativeRuntime.WhisperCppVersion, string? commit = NativeRuntime.WhisperCppCommit,
        string rid = "linux-x64", string[]? flags = null, bool withLibrary = true, string variant = "native", string[]? libraries = null)
    {
        var folder = Path.Combine(temp.Path, "native");
        Directory.CreateDirectory(Path.Combine(folder, "runtimes", rid));
        if (withLibrary) File.WriteAllText(Path.Combine(folder, "runtimes", rid, "libwhisper.so"), "");
        foreach (var library in libraries ?? []) File.WriteAllText(Path.Combine(folder, "runtimes", rid, library), "");
        File.WriteAllText(Path.Combine(folder, NativeRuntimeManifest.FileName), JsonSerializer.Serialize(new
        {
            whisper_cpp_version = version,
            whisper_cpp_commit = commit,
            rid,
            variant,
            cpu_flags = flags ?? ["fpu", "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "hypervisor"],
        }));
        return folder;
    }

    private static PlanNote Single(NativeRuntimeChoice choice) => Assert.Single(choice.Notes);

    [Fact]
    public void FittingRuntime_IsChosen()
    {
        var folder = Install();

        var choice = NativeRuntime.Choose(null, folder, "linux-x64", Avx512Cpu);

        Assert.Equal(folder, choice.Folder);
        Assert.Equal(BatchMessageLevel.Verbose, Single(choice).Level);
    }

    [Fact]
    public void NoRuntimeInstalled_IsStock_Quietly()
    {
        var choice = NativeRuntime.Choose("auto", Path.Combine(temp.Path, "none"), "linux-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        Assert.Equal(BatchMessageLevel.Verbose, Single(choice).Level);
    }

    [Fact]
    public void StockSetting_IgnoresAnInstalledRuntime()
    {
        var choice = NativeRuntime.Choose("Stock", Install(), "linux-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
    }

    [Fact]
    public void FolderSetting_UsesTheRuntimeThere()
    {
        var folder = Install();

        var choice = NativeRuntime.Choose(folder, Path.Combine(temp.Path, "default"), "linux-x64", Avx512Cpu);

        Assert.Equal(folder, choice.Folder);
    }

    [Fact]
    public void FolderSetting_WithoutRuntime_WarnsAndUsesStock()
    {
        var choice = NativeRuntime.Choose(temp.Path, Path.Combine(temp.Path, "default"), "linux-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        Assert.Equal(BatchMessageLevel.Warning, Single(choice).Level);
    }

    [Fact]
    public void RuntimeBuiltForAMissingInstructionSet_IsRefused_NamingIt()
    {
        var choice = NativeRuntime.Choose(null, Install(), "linux-x64", Avx2Cpu);

        Assert.Null(choice.Folder);
        var note = Single(choice);
        Assert.Equal(BatchMessageLevel.Warning, note.Level);
        Assert.Contains("avx512bw, avx512f", note.Text);
        // Flags that are not instruction sets (hypervisor) do not count.
        Assert.DoesNotContain("hypervisor", note.Text);
    }

    [Theory]
    [InlineData("1.8.4", NativeRuntime.WhisperCppCommit)]
    [InlineData(NativeRuntime.WhisperCppVersion, "0000000000000000000000000000000000000000")]
    public void OtherWhisperCppVersion_IsRefused(string version, string commit)
    {
        var choice = NativeRuntime.Choose(null, Install(version, commit), "linux-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        Assert.Contains("binds 1.8.5 only", Single(choice).Text);
    }

    [Fact]
    public void OtherPlatform_IsRefused()
    {
        var choice = NativeRuntime.Choose(null, Install(rid: "linux-arm64"), "linux-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        Assert.Equal(BatchMessageLevel.Warning, Single(choice).Level);
    }

    [Fact]
    public void PackagedPortableRuntime_OfAnotherPlatform_IsStock_Quietly()
    {
        var folder = Install(rid: "linux-x64", variant: NativeRuntime.PortableVariant, flags: [], libraries: ["libggml-cpu-x64.so"]);

        var choice = NativeRuntime.Choose(null, folder, "win-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        var note = Single(choice);
        Assert.Equal(BatchMessageLevel.Verbose, note.Level);
        Assert.Contains("portable runtime is for linux-x64, and this is win-x64", note.Text);
    }

    [Fact]
    public void PortableRuntime_OfAnotherPlatform_NamedBySetting_Warns()
    {
        var folder = Install(rid: "linux-x64", variant: NativeRuntime.PortableVariant, flags: [], libraries: ["libggml-cpu-x64.so"]);

        var choice = NativeRuntime.Choose(folder, Path.Combine(temp.Path, "elsewhere"), "win-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        Assert.Equal(BatchMessageLevel.Warning, Single(choice).Level);
    }

    [Fact]
    public void MissingLibrary_IsRefused()
    {
        var choice = NativeRuntime.Choose(null, Install(withLibrary: false), "linux-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        Assert.Contains("libwhisper.so is missing", Single(choice).Text);
    }

    [Fact]
    public void UnreadableCpuFeatures_RefuseACpuSpecificBuild()
    {
        var choice = NativeRuntime.Choose(null, Install(), "linux-x64", cpuFlags: null);

        Assert.Null(choice.Folder);
        Assert.Equal(BatchMessageLevel.Warning, Single(choice).Level);
    }

    [Fact]
    public void PortableRuntime_IsChosenOnAnyCpu_AndMarkedForItsCpuBackend()
    {
        var folder = Install(variant: NativeRuntime.PortableVariant, flags: [], libraries: ["libggml-cpu-x64.so", "libggml-cpu-zen4.so"]);

        var choice = NativeRuntime.Choose(null, folder, "linux-x64", Avx2Cpu);

        Assert.Equal(folder, choice.Folder);
        Assert.True(choice.Portable);
    }

    [Fact]
    public void NullCpuFlags_MeanNoneRequired()
    {
        var folder = Install(variant: NativeRuntime.PortableVariant, libraries: ["libggml-cpu-x64.so"]);
        File.WriteAllText(Path.Combine(folder, NativeRuntimeManifest.FileName),
            File.ReadAllText(Path.Combine(folder, NativeRuntimeManifest.FileName)).Replace("\"cpu_flags\":[", "\"cpu_flags\":null,\"x\":["));

        var choice = NativeRuntime.Choose(null, folder, "linux-x64", Avx2Cpu);

        Assert.Equal(folder, choice.Folder);
    }

    [Fact]
    public void NativeRuntime_IsNotMarkedPortable()
    {
        Assert.False(NativeRuntime.Choose(null, Install(), "linux-x64", Avx512Cpu).Portable);
    }

    [Fact]
    public void PortableRuntime_WithoutCpuVariants_IsRefused()
    {
        // Whisper.net's single CPU library is not a variant: without variants, whisper_init finds no CPU device.
        var folder = Install(variant: NativeRuntime.PortableVariant, flags: [], libraries: ["libggml-cpu-whisper.so"]);

        var choice = NativeRuntime.Choose(null, folder, "linux-x64", Avx512Cpu);

        Assert.Null(choice.Folder);
        var note = Single(choice);
        Assert.Equal(BatchMessageLevel.Warning, note.Level);
        Assert.Contains("without its CPU variants", note.Text);
    }

    [Fact]
    public void CpuFlags_AreReadFromTheFirstProcessor()
    {
        var flags = CpuFlags.Parse(["processor\t: 0", "flags\t\t: fpu avx2 avx512f", "processor\t: 1", "flags\t\t: fpu"]);

        Assert.Equal(new HashSet<string> { "fpu", "avx2", "avx512f" }, flags);
    }
}
