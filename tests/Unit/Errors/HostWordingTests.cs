using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Errors;

[Collection(EnvironmentCollection.Name)]
public sealed class HostWordingTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose()
    {
        HostWording.Use(null, null);
        folder.Dispose();
    }

    [Fact]
    public void EngineMessages_NameNoCmdletOrParameter_ByDefault()
    {
        HostWording.Use(null, null);

        var error = Assert.Throws<ModelNotFoundException>(() => GgmlModelInfo.Read(folder.PathOf("none.bin")));

        Assert.Equal("Check the path given to ModelPath.", error.Fix);
        Assert.DoesNotContain("-", error.Fix);
    }

    [Fact]
    public void TheHost_WordsOptionsAndCommands()
    {
        HostWording.Use(o => "--" + o.ToLowerInvariant(), c => c == HostWording.ListModels ? "ytpipe models" : c);

        var error = Assert.Throws<ModelNotFoundException>(() => GgmlModelInfo.Read(folder.PathOf("none.bin")));

        Assert.Equal("Check the path given to --modelpath.", error.Fix);
        Assert.Equal("ytpipe models", HostWording.Command(HostWording.ListModels));
    }
}
