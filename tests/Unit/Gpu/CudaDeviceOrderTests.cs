using YtPipe.Core.Gpu;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Gpu;

[Collection(EnvironmentCollection.Name)]
public sealed class CudaDeviceOrderTests : IDisposable
{
    private readonly string? before = NativeEnvironment.Get(CudaDeviceOrder.Variable);

    public void Dispose()
    {
        if (before is null) NativeEnvironment.Unset(CudaDeviceOrder.Variable);
        else NativeEnvironment.Set(CudaDeviceOrder.Variable, before, overwrite: true);
    }

    [Fact]
    public void EnsurePciBusOrder_ReachesTheCLibrarysEnvironment()
    {
        // The CUDA runtime reads getenv, not .NET's copy of the environment: check what it would see.
        NativeEnvironment.Unset(CudaDeviceOrder.Variable);

        CudaDeviceOrder.EnsurePciBusOrder();

        Assert.Equal("PCI_BUS_ID", NativeEnvironment.Get(CudaDeviceOrder.Variable));
        Assert.Equal("PCI_BUS_ID", Environment.GetEnvironmentVariable(CudaDeviceOrder.Variable));
    }

    [Fact]
    public void EnsurePciBusOrder_KeepsAnOrderTheUserChose()
    {
        NativeEnvironment.Set(CudaDeviceOrder.Variable, "FASTEST_FIRST", overwrite: true);

        CudaDeviceOrder.EnsurePciBusOrder();

        Assert.Equal("FASTEST_FIRST", NativeEnvironment.Get(CudaDeviceOrder.Variable));
    }

    [Fact]
    public void DotNetsOwnSetter_IsNotSeenByNativeCode()
    {
        // Why NativeEnvironment exists: on Linux Environment.SetEnvironmentVariable never reaches getenv.
        NativeEnvironment.Unset(CudaDeviceOrder.Variable);

        Environment.SetEnvironmentVariable(CudaDeviceOrder.Variable, "PCI_BUS_ID");

        Assert.Null(NativeEnvironment.Get(CudaDeviceOrder.Variable));
    }
}
