using System.Text;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Models;

/// <summary>
/// Reads a ggml whisper model the way whisper.cpp 1.8.5's loader (<c>whisper_model_load</c>) will,
/// and refuses what it would choke on. whisper.cpp checks little: a vocabulary without the " " token
/// throws <c>std::out_of_range</c> at the first decode, an unknown file type trips a
/// <c>GGML_ASSERT</c>, and a huge token or name length makes it allocate without bound. Each of
/// these aborts the whole process (the user's shell), and a file cut inside its last tensor loads
/// with garbage weights. Tensor data is skipped over, never read, so checking stays cheap.
/// </summary>
internal static class GgmlModelValidator
{
    /// <summary>Frequency bins of whisper's 400-point FFT; the spectrogram code assumes this many.</summary>
    private const int FftBins = 201;

    /// <summary>Token 50256 and above are whisper's specials: logits are indexed by them, so the vocabulary must reach past them.</summary>
    private const int SmallestVocabulary = 51864;

    // Real tokens are at most 128 bytes and tensor names under 50; these bounds only stop a damaged
    // length from asking for gigabytes.
    private const int LongestToken = 1024;
    private const int LongestTensorName = 255;

    /// <summary>Throws <see cref="ModelInvalidException"/> when the hyperparameters are not those of a model whisper.cpp can build.</summary>
    public static void CheckHeader(string path, GgmlModelInfo info)
    {
        if (info.VocabularySize is < SmallestVocabulary or > 60000 || info.Mels is not (80 or 128)
            || info.AudioLayers is < 1 or > 64 || info.TextLayers is < 1 or > 64
            || info.AudioContext is < 1 or > 65536 || info.TextContext is < 1 or > 65536
            || info.AudioState <= 0 || info.AudioHeads <= 0 || info.TextState <= 0 || info.TextHeads <= 0
            || info.AudioState % info.AudioHeads != 0 || info.TextState % info.TextHeads != 0
            || info.AudioState != info.TextState)
        {
            throw Invalid(path, "its header holds values no whisper model has");
        }
        var weights = GgmlTensorType.OfWeights(info.FileType)
            ?? throw Invalid(path, $"its file type {info.FileType} is not one whisper.cpp can load");
        if (info.AudioState % weights.BlockSize != 0)
        {
            throw Invalid(path, $"its {weights.Name} weights need rows in blocks of {weights.BlockSize} values, and a state of {info.AudioState} does not divide into them");
        }
    }

    /// <summary>
    /// Checks everything after the header: mel filters, vocabulary, tensor table and the file's length.
    /// Returns how many tensors the file holds: all that the model needs, or none (a weightless test model).
    /// </summary>
    public static int CheckBody(string path, GgmlModelInfo info, Stream stream, BinaryReader reader)
    {
        var nMel = reader.ReadInt32();
        var nFft = reader.ReadInt32();
        if (nMel != info.Mels)
        {
            throw Invalid(path, $"its mel filter bank has {nMel} bands where the header says {info.Mels}");
        }
        if (nFft != FftBins)
        {
            throw Invalid(path, $"its mel filter bank has {nFft} frequency bins where whisper needs {FftBins}");
        }
        Skip(path, stream, 4L * nMel * nFft, "the file is truncated inside its mel filter bank");

        CheckVocabulary(path, info, stream, reader);
        return CheckTensors(path, info, stream, reader);
    }

    private static void CheckVocabulary(string path, GgmlModelInfo info, Stream stream, BinaryReader reader)
    {
        var count = reader.ReadInt32();
        // whisper.cpp adds the special tokens itself up to n_vocab; more tokens than that would give
        // ids past the logits it indexes by them.
        if (count < 1 || count > info.VocabularySize)
        {
            throw Invalid(path, $"its vocabulary holds {count} tokens where the header allows 1 to {info.VocabularySize}");
        }
        var hasSpace = false;
        // Read, not skipped: a seek per token would drop the stream's buffer 50,000 times.
        var token = new byte[LongestToken];
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadUInt32();
            if (length > LongestToken)
            {
                throw Invalid(path, $"token {i} of its vocabulary claims to be {length} bytes long");
            }
            if (stream.ReadAtLeast(token.AsSpan(0, (int)length), (int)length, throwOnEndOfStream: false) < length)
            {
                throw Invalid(path, $"the file is truncated inside its vocabulary (token {i} of {count})");
            }
            hasSpace |= length == 1 && token[0] == (byte)' ';
        }
        if (!hasSpace)
        {
            throw Invalid(path, "its vocabulary has no \" \" (single space) token, which whisper.cpp looks up when it decodes; it would abort the process");
        }
    }

    private static int CheckTensors(string path, GgmlModelInfo info, Stream stream, BinaryReader reader)
    {
        var expected = ExpectedTensors(info);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stream.Position < stream.Length)
        {
            var number = seen.Count + 1;
            if (stream.Length - stream.Position < 12)
            {
                throw Invalid(path, $"the file is truncated inside the header of tensor {number}");
            }
            var dimensions = reader.ReadInt32();
            var nameLength = reader.ReadInt32();
            var typeId = reader.ReadInt32();
            if (dimensions is < 1 or > 4)
            {
                throw Invalid(path, $"tensor {number} claims {dimensions} dimensions");
            }
            if (nameLength is < 1 or > LongestTensorName)
            {
                throw Invalid(path, $"tensor {number} claims a name of {nameLength} bytes");
            }
            var type = GgmlTensorType.FromId(typeId)
                ?? throw Invalid(path, $"tensor {number} has element type {typeId}, which is not one ggml can load here");
            var shape = new long[] { 1, 1, 1, 1 };
            for (var d = 0; d < dimensions; d++)
            {
                shape[d] = reader.ReadInt32();
                if (shape[d] < 1)
                {
                    throw Invalid(path, $"tensor {number} claims a dimension of {shape[d]}");
                }
            }
            var nameBytes = reader.ReadBytes(nameLength);
            if (nameBytes.Length < nameLength)
            {
                throw new EndOfStreamException();
            }
            var name = Printable(Encoding.UTF8.GetString(nameBytes));
            if (!expected.TryGetValue(name, out var want))
            {
                throw Invalid(path, $"it holds a tensor '{name}' that a whisper model with {info.AudioLayers} encoder and {info.TextLayers} decoder layers does not have; it may be a model of another kind");
            }
            if (!seen.Add(name))
            {
                throw Invalid(path, $"the tensor '{name}' appears twice");
            }
            if (!shape.AsSpan().SequenceEqual(want.Shape))
            {
                throw Invalid(path, $"the tensor '{name}' has shape {Format(shape)} where the header's hyperparameters need {Format(want.Shape)}");
            }
            var elements = shape[0] * shape[1] * shape[2] * shape[3];
            var bytes = want.Type.DataLength(shape[0], elements)!.Value;
            if (type.DataLength(shape[0], elements) != bytes)
            {
                throw Invalid(path, $"the tensor '{name}' is stored as {type.Name} where whisper.cpp loads it as {want.Type.Name}");
            }
            Skip(path, stream, bytes, $"the file is truncated inside the data of tensor '{name}' ({stream.Length - stream.Position} of its {bytes} bytes are there)");
        }
        if (seen.Count > 0 && seen.Count < expected.Count)
        {
            var missing = expected.Keys.First(n => !seen.Contains(n));
            throw Invalid(path, $"it holds {seen.Count} of the {expected.Count} tensors the model needs; '{missing}' is missing");
        }
        return seen.Count;
    }

    /// <summary>
    /// Every tensor whisper.cpp 1.8.5 creates for these hyperparameters, with its element type and
    /// shape (ggml order, padded to four dimensions), in the loader's order.
    /// </summary>
    private static Dictionary<string, (GgmlTensorType Type, long[] Shape)> ExpectedTensors(GgmlModelInfo info)
    {
        var weights = GgmlTensorType.OfWeights(info.FileType)!;
        // Convolution kernels stay f16 in quantized models: the quantizer only touches 2-D matrices.
        var conv = weights == GgmlTensorType.F32 ? GgmlTensorType.F32 : GgmlTensorType.F16;
        var f32 = GgmlTensorType.F32;
        long a = info.AudioState, t = info.TextState;
        var all = new Dictionary<string, (GgmlTensorType, long[])>(StringComparer.Ordinal);
        void Add(string name, GgmlTensorType type, long ne0, long ne1 = 1, long ne2 = 1) => all.Add(name, (type, new[] { ne0, ne1, ne2, 1L }));
        void Attention(string prefix, long state)
        {
            Add(prefix + "_ln.weight", f32, state);
            Add(prefix + "_ln.bias", f32, state);
            foreach (var projection in new[] { "query", "key", "value", "out" })
            {
                Add($"{prefix}.{projection}.weight", weights, state, state);
                if (projection != "key")   // whisper's key projection has no bias
                {
                    Add($"{prefix}.{projection}.bias", f32, state);
                }
            }
        }
        void Mlp(string prefix, long state)
        {
            Add(prefix + "mlp_ln.weight", f32, state);
            Add(prefix + "mlp_ln.bias", f32, state);
            Add(prefix + "mlp.0.weight", weights, state, 4 * state);
            Add(prefix + "mlp.0.bias", f32, 4 * state);
            Add(prefix + "mlp.2.weight", weights, 4 * state, state);
            Add(prefix + "mlp.2.bias", f32, state);
        }

        Add("encoder.positional_embedding", f32, a, info.AudioContext);
        Add("encoder.conv1.weight", conv, 3, info.Mels, a);
        Add("encoder.conv1.bias", f32, 1, a);
        Add("encoder.conv2.weight", conv, 3, a, a);
        Add("encoder.conv2.bias", f32, 1, a);
        Add("encoder.ln_post.weight", f32, a);
        Add("encoder.ln_post.bias", f32, a);
        for (var i = 0; i < info.AudioLayers; i++)
        {
            Mlp($"encoder.blocks.{i}.", a);
            Attention($"encoder.blocks.{i}.attn", a);
        }
        Add("decoder.positional_embedding", f32, t, info.TextContext);
        Add("decoder.token_embedding.weight", weights, t, info.VocabularySize);
        Add("decoder.ln.weight", f32, t);
        Add("decoder.ln.bias", f32, t);
        for (var i = 0; i < info.TextLayers; i++)
        {
            Mlp($"decoder.blocks.{i}.", t);
            Attention($"decoder.blocks.{i}.attn", t);
            Attention($"decoder.blocks.{i}.cross_attn", t);
        }
        return all;
    }

    /// <summary>Moves past <paramref name="count"/> bytes, or fails with <paramref name="truncated"/> when the file ends first.</summary>
    private static void Skip(string path, Stream stream, long count, string truncated)
    {
        if (stream.Length - stream.Position < count)
        {
            throw Invalid(path, truncated);
        }
        stream.Seek(count, SeekOrigin.Current);
    }

    private static string Format(long[] shape)
    {
        var rank = shape.Length;
        while (rank > 1 && shape[rank - 1] == 1)
        {
            rank--;
        }
        return "[" + string.Join(", ", shape.Take(rank)) + "]";
    }

    // A foreign file's "name" can be any bytes: keep the message one readable line.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));

    /// <summary>The one error for every way a model file can be wrong; the reason says which.</summary>
    public static ModelInvalidException Invalid(string path, string reason, Exception? inner = null) =>
        new(path, reason, inner) { Fix = "Download the model again and replace the file." };
}
