using YtPipe.Core.Output;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Output;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WritesTheContent_AsUtf8WithoutBom()
    {
        var path = folder.PathOf("out.txt");

        AtomicFileWriter.WriteText(path, w => w.Write("héllo\n"));

        Assert.Equal("héllo\n"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Empty(folder.LeftoverTempFiles());
    }

    [Fact]
    public void ReplacesAnExistingFile_WhenOverwriteIsAllowed()
    {
        var path = folder.WriteFile("out.txt", "old");

        AtomicFileWriter.WriteText(path, w => w.Write("new"), overwrite: true);

        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void RefusesToReplaceAnExistingFile_WhenOverwriteIsNotAllowed()
    {
        var path = folder.WriteFile("out.txt", "old");

        Assert.ThrowsAny<IOException>(() => AtomicFileWriter.WriteText(path, w => w.Write("new"), overwrite: false));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Empty(folder.LeftoverTempFiles());
    }

    [Fact]
    public void WriterThatThrowsHalfway_LeavesTheTargetAsItWas_AndNoTemporaryFile()
    {
        var path = folder.WriteFile("out.txt", "old");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFileWriter.WriteText(path, w =>
        {
            w.Write("half of the new ");
            w.Flush();
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal("boom", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Empty(folder.LeftoverTempFiles());
    }

    [Fact]
    public void WriterThatThrows_CreatesNoTarget()
    {
        var path = folder.PathOf("out.txt");

        Assert.Throws<InvalidOperationException>(() => AtomicFileWriter.WriteText(path, _ => throw new InvalidOperationException("boom")));

        Assert.False(File.Exists(path));
        Assert.Empty(folder.LeftoverTempFiles());
    }

    [Fact]
    public void CreatesAMissingFolder()
    {
        var path = folder.PathOf(Path.Combine("a", "b", "out.txt"));

        AtomicFileWriter.WriteText(path, w => w.Write("content"));

        Assert.Equal("content", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("a", 250)]
    [InlineData("é", 125)]
    [InlineData("😀", 62)]
    public void AFinalNameAtTheFileNameLimit_StillGetsATemporaryName(string character, int count)
    {
        // 250 to 252 bytes of stem plus ".txt": the longest names a file system takes (255 bytes).
        var path = folder.PathOf(string.Concat(Enumerable.Repeat(character, count)) + ".txt");

        AtomicFileWriter.WriteText(path, w => w.Write("content"));

        Assert.Equal("content", File.ReadAllText(path));
        Assert.Empty(folder.LeftoverTempFiles());
    }
}
