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

    [Fact]
    public void AFolder_IsWalkedInFullPathOrder_FilesAndSubFoldersInterleaved()
    {
        // "b.wav" < "b/x.wav" < "c.wav" as full paths ('.' sorts before '/'): not files first, then folders.
        var media = new[] { folder.WriteFile("a.wav"), folder.WriteFile("b.wav"), folder.WriteFile(Path.Combine("b", "x.wav")), folder.WriteFile("c.wav") };

        var inputs = InputExpander.Expand(folder.Path).Select(i => i.FilePath).ToList();

        Assert.Equal(media.Order(StringComparer.Ordinal), inputs);
    }

    [Fact]
    public void LinksToAnAncestorAndToItself_AreNotFollowed_TheRealFilesComeOnceInOrder()
    {
        var media = new[] { folder.WriteFile("one.wav"), folder.WriteFile(Path.Combine("sub", "two.wav")) };
        Directory.CreateSymbolicLink(folder.PathOf(Path.Combine("sub", "loop")), "..");
        Directory.CreateSymbolicLink(folder.PathOf("self"), ".");

        var inputs = InputExpander.Expand(folder.Path).ToList();

        Assert.Equal(media, inputs.Select(i => i.FilePath));
        Assert.All(inputs, i => Assert.Equal(folder.Path, i.Root));
    }

    [Fact]
    public void ALinkOutOfTheTree_IsFollowedOnce_ALinkIntoItIsNot_SoEachFileComesOnce()
    {
        using var outside = new TempFolder();
        outside.WriteFile(Path.Combine("deep", "far.wav"));
        var local = folder.WriteFile(Path.Combine("tree", "near.wav"));
        var tree = folder.PathOf("tree");
        Directory.CreateSymbolicLink(Path.Combine(tree, "a-link"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(tree, "b-link"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(tree, "c-deep"), outside.PathOf("deep"));
        File.CreateSymbolicLink(Path.Combine(tree, "d-alias.wav"), local);
        File.CreateSymbolicLink(Path.Combine(tree, "e-far.wav"), outside.PathOf(Path.Combine("deep", "far.wav")));
        // A loop out there, back into itself, must not make it endless either.
        Directory.CreateSymbolicLink(outside.PathOf(Path.Combine("deep", "back")), outside.Path);

        var inputs = InputExpander.Expand(tree).Select(i => i.FilePath).ToList();

        Assert.Equal([Path.Combine(tree, "a-link", "deep", "far.wav"), local], inputs);
    }

    [Fact]
    public void AFolder_IsEnumeratedLazily_AndCancellationStopsTheWalk()
    {
        folder.WriteFile(Path.Combine("a", "1.wav"));
        folder.WriteFile(Path.Combine("b", "2.wav"));
        folder.WriteFile(Path.Combine("c", "3.wav"));
        using var cts = new CancellationTokenSource();

        using var inputs = InputExpander.Expand(folder.Path, cts.Token).GetEnumerator();
        Assert.True(inputs.MoveNext());
        Assert.Equal(folder.PathOf(Path.Combine("a", "1.wav")), inputs.Current.FilePath);
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => inputs.MoveNext());
    }

    [Fact]
    public void AnAlreadyCancelledWalk_GivesNothing()
    {
        folder.WriteFile("a.wav");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => InputExpander.Expand(folder.Path, cts.Token).ToList());
    }
}
