using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Models;

public sealed class GgmlModelInfoTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("tiny.en", "tiny", true)]
    [InlineData("tiny", "tiny", false)]
    [InlineData("base.en", "base", true)]
    [InlineData("small.en", "small", true)]
    public void SelfWrittenModels_AreRecognised(string name, string sizeClass, bool englishOnly)
    {
        var info = GgmlModelInfo.Read(GgmlModelWriter.ForName(name).WriteTo(folder.PathOf($"ggml-{name}.bin")));

        Assert.Equal(sizeClass, info.SizeClass);
        Assert.Equal(englishOnly, info.IsEnglishOnly);
        Assert.Equal("f16", info.ComputeType);
        Assert.Equal(80, info.Mels);
        Assert.False(info.HasWeights);
    }

    /// <summary>The writer's files are shaped like whisper.cpp's own test models, where those are at hand.</summary>
    [SharedModelsTheory]
    [InlineData("tiny.en")]
    [InlineData("tiny")]
    [InlineData("base.en")]
    [InlineData("small.en")]
    public void SelfWrittenModels_MatchWhisperCppTestModels(string name)
    {
        var real = GgmlModelWriter.ReadFrom(Path.Combine(SharedModelsTheoryAttribute.Folder, $"for-tests-ggml-{name}.bin"));
        var written = GgmlModelWriter.ReadFrom(GgmlModelWriter.ForName(name).WriteTo(folder.PathOf("ours.bin")));

        // Everything but the token texts and the filter values: header, filter bank size, token count.
        Assert.Equal(real with { MelFilters = null, Vocabulary = null }, written with { MelFilters = null, Vocabulary = null });
        Assert.Equal(real.Vocabulary!.Count, written.Vocabulary!.Count);
        Assert.Equal(real.MelFilters!.Length, written.MelFilters!.Length);
        foreach (var token in new[] { " ", " -", " '", "(" })
        {
            Assert.Contains(real.Vocabulary, t => System.Text.Encoding.UTF8.GetString(t) == token);
            Assert.Contains(written.Vocabulary, t => System.Text.Encoding.UTF8.GetString(t) == token);
        }
        Assert.Equal(real.Vocabulary[^1], written.Vocabulary[^1]);
    }

    [Fact]
    public void SelfWrittenWeightlessModel_IsTinyEnglishF16()
    {
        var info = GgmlModelInfo.Read(GgmlModelWriter.TinyEn.WriteTo(folder.PathOf("ggml-tiny.en.bin")));

        Assert.Equal("tiny", info.SizeClass);
        Assert.True(info.IsEnglishOnly);
        Assert.Equal("f16", info.ComputeType);
        Assert.Equal(51864, info.VocabularySize);
    }

    [Theory]
    [InlineData(0, "f32")]
    [InlineData(7, "q8_0")]
    [InlineData(2008, "q5_0")] // quantisation version 2 is in the thousands
    public void ComputeType_ComesFromTheFileType(int fileType, string computeType)
    {
        var path = (GgmlModelWriter.TinyEn with { FileType = fileType }).WriteTo(folder.PathOf("m.bin"));

        Assert.Equal(computeType, GgmlModelInfo.Read(path).ComputeType);
    }

    [Fact]
    public void WrongMagic_IsInvalid()
    {
        var path = (GgmlModelWriter.TinyEn with { FileMagic = 0x46554747 }).WriteTo(folder.PathOf("m.bin"));

        var error = Assert.Throws<ModelInvalidException>(() => GgmlModelInfo.Read(path));

        Assert.Equal("ModelInvalid", error.ErrorId);
        Assert.Contains("magic", error.Message);
        Assert.Equal(path, error.Target);
    }

    [Theory]
    [InlineData(GgmlModelWriter.HeaderLength)] // nothing after the hyperparameters
    [InlineData(GgmlModelWriter.HeaderLength + 8)] // the filter bank's size, but no filters
    [InlineData(GgmlModelWriter.HeaderLength + 8 + 4000)] // part of the filters
    public void FileCutShort_IsInvalidAsTruncated(int length)
    {
        var path = CutModel(length);

        var error = Assert.Throws<ModelInvalidException>(() => GgmlModelInfo.Read(path));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void TenByteFile_IsInvalid()
    {
        var path = CutModel(10);

        var error = Assert.Throws<ModelInvalidException>(() => GgmlModelInfo.Read(path));

        Assert.Contains("10 bytes", error.Message);
    }

    [Fact]
    public void ImplausibleHyperparameters_AreInvalid()
    {
        var path = (GgmlModelWriter.TinyEn with { VocabularySize = 12 }).WriteTo(folder.PathOf("m.bin"));

        Assert.Throws<ModelInvalidException>(() => GgmlModelInfo.Read(path));
    }

    [Fact]
    public void MissingFile_IsModelNotFound()
    {
        var path = folder.PathOf("ggml-none.bin");

        var error = Assert.Throws<ModelNotFoundException>(() => GgmlModelInfo.Read(path));

        Assert.Equal("ModelNotFound", error.ErrorId);
        Assert.Equal(path, error.Target);
    }

    /// <summary>The first <paramref name="length"/> bytes of a good model.</summary>
    private string CutModel(int length)
    {
        var whole = File.ReadAllBytes(GgmlModelWriter.TinyEn.WriteTo(folder.PathOf("whole.bin")));
        var path = folder.PathOf("cut.bin");
        File.WriteAllBytes(path, whole[..length]);
        return path;
    }
}
