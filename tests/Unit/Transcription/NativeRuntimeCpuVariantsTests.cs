using YtPipe.Core.Transcription;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Transcription;

public sealed class NativeRuntimeCpuVariantsTests : IDisposable
{
    // This build machine's flags (Xeon, AVX-512 with FP16, no AMX), as /proc/cpuinfo lists them.
    private static readonly string[] SapphireRapidsLike =
    [
        "fpu", "sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw",
        "avx512vbmi", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "hypervisor",
    ];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string Folder(bool withModule)
    {
        var name = withModule ? "with" : "without";
        temp.WriteFile(Path.Combine(name, "libggml-cpu-zen4.so"), "");
        if (withModule) temp.WriteFile(Path.Combine(name, NativeRuntimeCpuVariants.Avx512Fp16Module), "");
        return temp.PathOf(name);
    }

    [Fact]
    public void ACpuWithAvx512Fp16_GetsTheExtraModule()
    {
        Assert.Equal(NativeRuntimeCpuVariants.Avx512Fp16Module,
            NativeRuntimeCpuVariants.ExtraModuleFor(Folder(withModule: true), SapphireRapidsLike.ToHashSet()));
    }

    [Theory]
    [InlineData("avx512_fp16")] // Zen 4 and Zen 5: everything else, no FP16
    [InlineData("avx512_bf16")] // Ice Lake
    [InlineData("avx512vbmi")]
    [InlineData("bmi2")]
    public void ACpuWithoutAnyOfItsNeeds_GetsGgmlsChoice(string missing)
    {
        var flags = SapphireRapidsLike.Where(f => f != missing).ToHashSet();

        Assert.Null(NativeRuntimeCpuVariants.ExtraModuleFor(Folder(withModule: true), flags));
    }

    [Fact]
    public void UnknownFlags_OrNoModule_GetGgmlsChoice()
    {
        Assert.Null(NativeRuntimeCpuVariants.ExtraModuleFor(Folder(withModule: true), cpuFlags: null));
        Assert.Null(NativeRuntimeCpuVariants.ExtraModuleFor(Folder(withModule: false), SapphireRapidsLike.ToHashSet()));
    }

    [Fact]
    public void TheExtraModule_IsNotAmongGgmlsVariants()
    {
        // ggml's scan takes every libggml-cpu-*.so; its check cannot see AVX512-FP16, so the module must stay outside it.
        Assert.DoesNotContain(NativeRuntimeCpuVariants.Avx512Fp16Module, NativeRuntimeCpuVariants.InFolder(Folder(withModule: true)));
        Assert.False(NativeRuntimeCpuVariants.Avx512Fp16Module.StartsWith(NativeRuntimeCpuVariants.FilePrefix, StringComparison.Ordinal));
    }
}
