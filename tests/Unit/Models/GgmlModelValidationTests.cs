using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Models;

/// <summary>
/// <see cref="GgmlModelInfo.Read"/> refuses, with one ModelInvalid error that names the file and
/// the fault, every model whisper.cpp would abort on or half-load. Zero-filled files are sparse, so
/// the full-size ones cost little disk.
/// </summary>
public sealed class GgmlModelValidationTests : IDisposable
{
    private static readonly GgmlModelWriter TinyEnQ8 = GgmlModelWriter.TinyEn.WithFileType(7);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string, int> GoodModels => new()
    {
        { "tiny.en", 1 },
        { "tiny.en", 7 },
        { "tiny", 1 },
        { "tiny", 7 },
    };

    [Theory]
    [MemberData(nameof(GoodModels))]
    public void ZeroFilledModels_AreAcceptedWithWeights(string name, int fileType)
    {
        var writer = GgmlModelWriter.ForName(name).WithFileType(fileType);
        var path = writer.WriteZeroFilledTo(folder.PathOf($"ggml-{name}.bin"));

        var info = GgmlModelInfo.Read(path);

        Assert.True(info.HasWeights);
        Assert.Equal(name.EndsWith(".en"), info.IsEnglishOnly);
        Assert.Equal(fileType == 7 ? "q8_0" : "f16", info.ComputeType);
    }

    [Theory]
    [InlineData("tiny.en")]
    [InlineData("tiny")]
    public void WeightlessModels_AreAcceptedWithoutWeights(string name)
    {
        var info = GgmlModelInfo.Read(GgmlModelWriter.ForName(name).WriteTo(folder.PathOf($"ggml-{name}.bin")));

        Assert.False(info.HasWeights);
    }

    [Fact]
    public void VocabularyWithoutTheSpaceToken_IsInvalid()
    {
        // whisper.cpp 1.8.5 looks " " up with map::at on the first decoding step: std::out_of_range kills the process.
        var path = GgmlModelWriter.TinyEn.WithoutToken(" ").WriteTo(folder.PathOf("ggml-nospace.bin"));

        var error = AssertInvalid(path);

        Assert.Contains("\" \"", error.Message);
        Assert.Contains("vocabulary", error.Message);
    }

    [Fact]
    public void FileCutInsideTheVocabulary_IsInvalidAsTruncated()
    {
        var path = Cut(GgmlModelWriter.TinyEn.WriteTo(folder.PathOf("ggml-cut.bin")), 100);

        var error = AssertInvalid(path);

        Assert.Contains("truncated inside its vocabulary", error.Message);
    }

    [Fact]
    public void FileCutInsideTensorData_IsInvalidAsTruncated()
    {
        // whisper.cpp reads short without noticing, so this one would load with a damaged last tensor.
        var path = Cut(TinyEnQ8.WriteZeroFilledTo(folder.PathOf("ggml-cut.bin")), 1000);

        var error = AssertInvalid(path);

        Assert.Contains("truncated inside the data of tensor", error.Message);
    }

    [Fact]
    public void BytesAfterTheLastTensor_AreInvalidAsTruncated()
    {
        var path = TinyEnQ8.WriteZeroFilledTo(folder.PathOf("ggml-tail.bin"));
        using (var stream = File.OpenWrite(path))
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write(new byte[5]);
        }

        var error = AssertInvalid(path);

        Assert.Contains("truncated inside the header of tensor", error.Message);
    }

    [Fact]
    public void TensorOfAnotherArchitecture_IsInvalidAndNamed()
    {
        var path = WriteWithTensorChanged("encoder.conv2.weight", t => t with { Name = "model.layers.0.attn_q.weight" });

        var error = AssertInvalid(path);

        Assert.Contains("'model.layers.0.attn_q.weight'", error.Message);
        Assert.Contains("another kind", error.Message);
    }

    [Fact]
    public void TensorOfTheWrongShape_IsInvalid()
    {
        var path = WriteWithTensorChanged("encoder.positional_embedding", t => t with { Shape = new[] { 384, 1000 } });

        var error = AssertInvalid(path);

        Assert.Contains("'encoder.positional_embedding' has shape [384, 1000] where the header's hyperparameters need [384, 1500]", error.Message);
    }

    [Fact]
    public void TensorOfTheWrongType_IsInvalid()
    {
        var path = WriteWithTensorChanged("decoder.token_embedding.weight", t => t with { Type = 1 });

        var error = AssertInvalid(path);

        Assert.Contains("'decoder.token_embedding.weight' is stored as f16 where whisper.cpp loads it as q8_0", error.Message);
    }

    [Fact]
    public void MissingTensor_IsInvalidAndNamed()
    {
        var tensors = TinyEnQ8.ExpectedTensors().Where(t => t.Name != "decoder.blocks.3.cross_attn.out.bias").ToList();
        var path = (TinyEnQ8 with { Tensors = tensors }).WriteZeroFilledTo(folder.PathOf("ggml-missing.bin"));

        var error = AssertInvalid(path);

        Assert.Contains("'decoder.blocks.3.cross_attn.out.bias' is missing", error.Message);
    }

    [Fact]
    public void DuplicateTensor_IsInvalid()
    {
        var tensors = TinyEnQ8.ExpectedTensors().ToList();
        tensors.Insert(10, tensors[5]);
        var path = (TinyEnQ8 with { Tensors = tensors }).WriteZeroFilledTo(folder.PathOf("ggml-twice.bin"));

        var error = AssertInvalid(path);

        Assert.Contains($"'{tensors[5].Name}' appears twice", error.Message);
    }

    [Fact]
    public void TensorNameLengthBeyondReason_IsInvalid()
    {
        // whisper.cpp would allocate whatever the length says.
        var path = GgmlModelWriter.TinyEn.WriteTo(folder.PathOf("ggml-name.bin"));
        using (var writer = new BinaryWriter(File.OpenWrite(path)))
        {
            writer.Seek(0, SeekOrigin.End);
            writer.Write(2);
            writer.Write(1 << 30);
            writer.Write(0);
        }

        var error = AssertInvalid(path);

        Assert.Contains($"claims a name of {1 << 30} bytes", error.Message);
    }

    [Fact]
    public void TokenLengthBeyondReason_IsInvalid()
    {
        var tokens = GgmlModelWriter.SyntheticVocabulary(false).ToList();
        tokens[7] = new byte[5000];
        var path = (GgmlModelWriter.TinyEn with { Vocabulary = tokens }).WriteTo(folder.PathOf("ggml-long.bin"));

        var error = AssertInvalid(path);

        Assert.Contains("token 7 of its vocabulary claims to be 5000 bytes long", error.Message);
    }

    [Fact]
    public void MoreTokensThanTheHeaderAllows_AreInvalid()
    {
        // Token ids past n_vocab would index past whisper.cpp's logits.
        var tokens = GgmlModelWriter.SyntheticVocabulary(false).Concat(Enumerable.Range(0, 2000).Select(i => new[] { (byte)'a', (byte)i })).ToList();
        var path = (GgmlModelWriter.TinyEn with { Vocabulary = tokens }).WriteTo(folder.PathOf("ggml-many.bin"));

        var error = AssertInvalid(path);

        Assert.Contains("vocabulary holds 52257 tokens where the header allows 1 to 51864", error.Message);
    }

    [Theory]
    [InlineData(5)]       // no ggml_ftype: ggml_ftype_to_ggml_type would GGML_ASSERT
    [InlineData(-1)]
    public void UnknownFileType_IsInvalid(int fileType)
    {
        var path = (GgmlModelWriter.TinyEn with { FileType = fileType }).WriteTo(folder.PathOf("ggml-ftype.bin"));

        var error = AssertInvalid(path);

        Assert.Contains($"file type {fileType}", error.Message);
    }

    [Fact]
    public void MelFilterBankOfTheWrongSize_IsInvalid()
    {
        var path = (GgmlModelWriter.TinyEn with { FftBins = 200 }).WriteTo(folder.PathOf("ggml-fft.bin"));

        var error = AssertInvalid(path);

        Assert.Contains("200 frequency bins", error.Message);
    }

    /// <summary>The one error, naming the file, with a fix that says what to do.</summary>
    private static ModelInvalidException AssertInvalid(string path)
    {
        var error = Assert.Throws<ModelInvalidException>(() => GgmlModelInfo.Read(path));
        Assert.Equal("ModelInvalid", error.ErrorId);
        Assert.Equal(path, error.Target);
        Assert.Contains($"'{path}'", error.Message);
        Assert.Equal("Download the model again and replace the file.", error.Fix);
        return error;
    }

    /// <summary>A zero-filled q8_0 tiny.en whose tensor <paramref name="name"/> is written as <paramref name="change"/> makes it.</summary>
    private string WriteWithTensorChanged(string name, Func<GgmlModelWriter.Tensor, GgmlModelWriter.Tensor> change)
    {
        var tensors = TinyEnQ8.ExpectedTensors().Select(t => t.Name == name ? change(t) : t).ToList();
        return (TinyEnQ8 with { Tensors = tensors }).WriteZeroFilledTo(folder.PathOf("ggml-changed.bin"));
    }

    /// <summary>Removes the last <paramref name="bytes"/> bytes of the file.</summary>
    private static string Cut(string path, int bytes)
    {
        using var stream = File.OpenWrite(path);
        stream.SetLength(stream.Length - bytes);
        return path;
    }
}
