using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Batch;

public sealed class InputExpanderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AFile_IsItself_WithoutRoot()
    {
        var path = folder.WriteFile("notes.txt");

        var input = Assert.Single(InputExpander.Expand(path));

        Assert.Equal(new TranscriptionInput(path, null), input);
    }

    [Fact]
    public void AFolder_IsItsMediaFiles_Recursively_WithTheFolderAsRoot()
    {
        var media = new[] { folder.WriteFile("a.wav"), folder.WriteFile(Path.Combine("sub", "B.MP3")), folder.WriteFile(Path.Combine("sub", "deeper", "c.Flac")) };
        folder.WriteFile("notes.txt");
        folder.WriteFile(Path.Combine("sub", "readme.md"));

        var inputs = InputExpander.Expand(folder.Path).ToList();

        Assert.Equal(media.Order(StringComparer.Ordinal), inputs.Select(i => i.FilePath));
        Assert.All(inputs, i => Assert.Equal(folder.Path, i.Root));
    }

    [Fact]
    public void AMissingPath_IsInputNotFound()
    {
        var missing = folder.PathOf("nothing-here.wav");

        var error = Assert.Throws<InputNotFoundException>(() => InputExpander.Expand(missing));

        Assert.Equal("InputNotFound", error.ErrorId);
        Assert.Equal(missing, error.Target);
    }
}
