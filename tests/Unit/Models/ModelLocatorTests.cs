using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Models;

[Collection(EnvironmentCollection.Name)]
public sealed class ModelLocatorTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly string? savedModelDir = Environment.GetEnvironmentVariable(ModelLocator.ModelDirVariable);

    public ModelLocatorTests() => Environment.SetEnvironmentVariable(ModelLocator.ModelDirVariable, folder.Path);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ModelLocator.ModelDirVariable, savedModelDir);
        folder.Dispose();
    }

    [Fact]
    public void ModelDirectory_IsTheEnvironmentVariable() =>
        Assert.Equal(folder.Path, ModelLocator.ModelDirectory);

    [Theory]
    [InlineData("/x/ggml-base.en.bin", "base.en")]
    [InlineData("/x/ggml-large-v3-turbo.bin", "large-v3-turbo")]
    [InlineData("/x/my-model.bin", "my-model")]
    public void NameOf_IsTheNameInsideTheGgmlFileName(string path, string name) =>
        Assert.Equal(name, ModelLocator.NameOf(path));
}
