using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Models;

public sealed class GgmlModelInfoTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("for-tests-ggml-tiny.en.bin", "tiny", true)]
    [InlineData("for-tests-ggml-tiny.bin", "tiny", false)]
    [InlineData("for-tests-ggml-base.en.bin", "base", true)]
    [InlineData("for-tests-ggml-small.en.bin", "small", true)]
    public void SharedTestModels_AreRecognised(string file, string sizeClass, bool englishOnly)
    {
        var info = GgmlModelInfo.Read(RepositoryPaths.SharedModel(file));

        Assert.Equal(sizeClass, info.SizeClass);
        Assert.Equal(englishOnly, info.IsEnglishOnly);
        Assert.Equal("f16", info.ComputeType);
        Assert.Equal(80, info.Mels);
    }

    [Fact]
    public void SelfWrittenWeightlessModel_IsTinyEnglishF16()
    {
        var info = GgmlModelInfo.Read(WeightlessModel.TinyEn.WriteTo(folder.PathOf("ggml-tiny.en.bin")));

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
        var path = (WeightlessModel.TinyEn with { FileType = fileType }).WriteTo(folder.PathOf("m.bin"));

        Assert.Equal(computeType, GgmlModelInfo.Read(path).ComputeType);
    }

    [Fact]
    public void WrongMagic_IsInvalid()
    {
        var path = (WeightlessModel.TinyEn with { FileMagic = 0x46554747 }).WriteTo(folder.PathOf("m.bin"));

        var error = Assert.Throws<ModelInvalidException>(() => GgmlModelInfo.Read(path));

        Assert.Equal("ModelInvalid", error.ErrorId);
        Assert.Contains("magic", error.Message);
        Assert.Equal(path, error.Target);
    }

    [Theory]
    [InlineData(WeightlessModel.HeaderLength)] // nothing after the hyperparameters
    [InlineData(WeightlessModel.HeaderLength + 8)] // the filter bank's size, but no filters
    [InlineData(WeightlessModel.HeaderLength + 8 + 4000)] // part of the filters
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
        var path = (WeightlessModel.TinyEn with { VocabularySize = 12 }).WriteTo(folder.PathOf("m.bin"));

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
        var whole = File.ReadAllBytes(WeightlessModel.TinyEn.WriteTo(folder.PathOf("whole.bin")));
        var path = folder.PathOf("cut.bin");
        File.WriteAllBytes(path, whole[..length]);
        return path;
    }
}
