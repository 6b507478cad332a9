#nullable enable
// One self-contained file on the BCL only: xunit compiles it with the test project and the Pester
// helpers compile the same file with Add-Type, so both suites write models one way.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace YtPipe.Tests.Support;

/// <summary>
/// Writes whisper.cpp ggml models for tests, needing nothing outside the repository (the layout of
/// DESIGN.md, "Models"). <see cref="WriteTo"/> writes a weightless model (header, mel filters,
/// vocabulary, no tensors: whisper.cpp runs the encoder at full cost and returns no text);
/// <see cref="WriteZeroFilledTo"/> adds every tensor whisper.cpp 1.8.5's loader expects, all zeros
/// (whisper.cpp then emits deterministic junk text with real timestamps). Defaults are tiny.en's.
/// Built independently of the engine's validator from whisper.cpp's loader, so each checks the other.
/// </summary>
public sealed record GgmlModelWriter
{
    public const uint Magic = 0x67676d6c;

    /// <summary>Bytes before the mel filter bank: the magic and eleven hyperparameters.</summary>
    public const int HeaderLength = 4 + 11 * 4;

    /// <summary>Tokens in a real model's file: the tokenizer's 50256 and end-of-text. whisper.cpp adds the special tokens after them itself.</summary>
    public const int FileTokenCount = 50257;

    // ggml type ids, and the bytes per block of BlockValues values for each.
    private const int F32 = 0, F16 = 1;
    private static readonly Dictionary<int, int[]> BlockLayout = new()
    {
        [0] = new[] { 1, 4 }, [1] = new[] { 1, 2 }, [2] = new[] { 32, 18 }, [3] = new[] { 32, 20 },
        [6] = new[] { 32, 22 }, [7] = new[] { 32, 24 }, [8] = new[] { 32, 34 },
    };

    // Header file type (ggml_ftype) to the ggml type of the weight matrices.
    private static readonly Dictionary<int, int> WeightTypes = new() { [0] = 0, [1] = 1, [2] = 2, [3] = 3, [7] = 8, [8] = 6, [9] = 7 };

    public uint FileMagic { get; init; } = Magic;
    public int VocabularySize { get; init; } = 51864;
    public int AudioContext { get; init; } = 1500;
    public int AudioState { get; init; } = 384;
    public int AudioHeads { get; init; } = 6;
    public int AudioLayers { get; init; } = 4;
    public int TextContext { get; init; } = 448;
    public int TextState { get; init; } = 384;
    public int TextHeads { get; init; } = 6;
    public int TextLayers { get; init; } = 4;
    public int Mels { get; init; } = 80;

    /// <summary>The header's file type: 0 f32, 1 f16; quantized types (7 q8_0, 8 q5_0, ...) as whisper.cpp's quantizer writes them, plus 2000. See <see cref="WithFileType"/>.</summary>
    public int FileType { get; init; } = 1;

    public int FftBins { get; init; } = 201;

    /// <summary>The mel filter bank, <see cref="Mels"/> x <see cref="FftBins"/> values; null writes zeros.</summary>
    public float[]? MelFilters { get; init; }

    /// <summary>The tokens written, as bytes; null writes <see cref="SyntheticVocabulary"/>.</summary>
    public IReadOnlyList<byte[]>? Vocabulary { get; init; }

    /// <summary>The tensors <see cref="WriteZeroFilledTo"/> writes; null writes <see cref="ExpectedTensors"/>.</summary>
    public IReadOnlyList<Tensor>? Tensors { get; init; }

    public static GgmlModelWriter TinyEn { get; } = new();
    public static GgmlModelWriter Tiny { get; } = TinyEn.Multilingual();
    public static GgmlModelWriter BaseEn { get; } = TinyEn.Sized(512, 8, 6);
    public static GgmlModelWriter Base { get; } = BaseEn.Multilingual();
    public static GgmlModelWriter SmallEn { get; } = TinyEn.Sized(768, 12, 12);
    public static GgmlModelWriter Small { get; } = SmallEn.Multilingual();

    /// <summary>The writer for a model name of whisper.cpp's: tiny.en, tiny, base.en, base, small.en, small.</summary>
    public static GgmlModelWriter ForName(string name) => name switch
    {
        "tiny.en" => TinyEn,
        "tiny" => Tiny,
        "base.en" => BaseEn,
        "base" => Base,
        "small.en" => SmallEn,
        "small" => Small,
        _ => throw new ArgumentException($"No test model shape for '{name}'.", nameof(name)),
    };

    public bool IsMultilingual => VocabularySize >= 51865;

    /// <summary>The same model with weights of <paramref name="fileType"/> (1 f16, 7 q8_0, ...), written as whisper.cpp's quantizer writes it.</summary>
    public GgmlModelWriter WithFileType(int fileType) => this with { FileType = fileType is 0 or 1 ? fileType : 2000 + fileType };

    /// <summary>The same model whose vocabulary has a made-up token wherever it had <paramref name="token"/>.</summary>
    public GgmlModelWriter WithoutToken(string token)
    {
        var unwanted = Encoding.UTF8.GetBytes(token);
        var tokens = (Vocabulary ?? SyntheticVocabulary(IsMultilingual)).Select((t, i) => t.AsSpan().SequenceEqual(unwanted) ? Encoding.UTF8.GetBytes("x" + i) : t);
        return this with { Vocabulary = tokens.ToList() };
    }

    /// <summary>
    /// A made-up vocabulary of a real file's length that has every token whisper.cpp looks up by
    /// text: " " (suppress_blank; without it whisper.cpp 1.8.5 aborts), " -", " '", and the
    /// printable ASCII characters where a real one has them (some are non-speech tokens).
    /// </summary>
    public static IReadOnlyList<byte[]> SyntheticVocabulary(bool multilingual)
    {
        var tokens = new List<byte[]>(FileTokenCount);
        for (var i = 0; i < FileTokenCount; i++)
        {
            var text = i switch
            {
                < 94 => ((char)('!' + i)).ToString(),
                220 => " ",
                532 => " -",
                705 => " '",
                1000 => "\u266a",
                FileTokenCount - 1 => multilingual ? "" : "<|endoftext|>",
                _ => " w" + i,
            };
            tokens.Add(Encoding.UTF8.GetBytes(text));
        }
        return tokens;
    }

    /// <summary>Every tensor whisper.cpp 1.8.5 creates for this model's hyperparameters and file type.</summary>
    public IReadOnlyList<Tensor> ExpectedTensors()
    {
        var weight = WeightTypes[FileType % 1000];
        var conv = weight == F32 ? F32 : F16;
        int a = AudioState, t = TextState;
        var list = new List<Tensor>
        {
            new("encoder.positional_embedding", F32, a, AudioContext),
            new("encoder.conv1.weight", conv, 3, Mels, a),
            new("encoder.conv1.bias", F32, 1, a),
            new("encoder.conv2.weight", conv, 3, a, a),
            new("encoder.conv2.bias", F32, 1, a),
            new("encoder.ln_post.weight", F32, a),
            new("encoder.ln_post.bias", F32, a),
        };
        for (var i = 0; i < AudioLayers; i++)
        {
            list.AddRange(Block($"encoder.blocks.{i}.", a, weight, "attn"));
        }
        list.Add(new("decoder.positional_embedding", F32, t, TextContext));
        list.Add(new("decoder.token_embedding.weight", weight, t, VocabularySize));
        list.Add(new("decoder.ln.weight", F32, t));
        list.Add(new("decoder.ln.bias", F32, t));
        for (var i = 0; i < TextLayers; i++)
        {
            list.AddRange(Block($"decoder.blocks.{i}.", t, weight, "attn", "cross_attn"));
        }
        return list;
    }

    /// <summary>Writes the weightless model to <paramref name="path"/>; returns the path.</summary>
    public string WriteTo(string path) => Write(path, Array.Empty<Tensor>());

    /// <summary>Writes the model with all its tensors, zero-filled, to <paramref name="path"/>; returns the path.</summary>
    public string WriteZeroFilledTo(string path) => Write(path, Tensors ?? ExpectedTensors());

    /// <summary>
    /// The header, mel filters and vocabulary of the weightless model at <paramref name="path"/>
    /// (a real one, for figures comparable with earlier runs).
    /// </summary>
    public static GgmlModelWriter ReadFrom(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var magic = reader.ReadUInt32();
        var h = Enumerable.Range(0, 11).Select(_ => reader.ReadInt32()).ToArray();
        var mels = reader.ReadInt32();
        var bins = reader.ReadInt32();
        var filters = Enumerable.Range(0, mels * bins).Select(_ => reader.ReadSingle()).ToArray();
        var tokens = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadBytes(reader.ReadInt32())).ToList();
        return new GgmlModelWriter
        {
            FileMagic = magic, VocabularySize = h[0], AudioContext = h[1], AudioState = h[2], AudioHeads = h[3], AudioLayers = h[4],
            TextContext = h[5], TextState = h[6], TextHeads = h[7], TextLayers = h[8], Mels = h[9], FileType = h[10],
            FftBins = bins, MelFilters = filters, Vocabulary = tokens,
        };
    }

    /// <summary>Bytes of data of a tensor of <paramref name="type"/> and <paramref name="shape"/> (ggml order).</summary>
    public static long DataLength(int type, IReadOnlyList<int> shape)
    {
        var layout = BlockLayout[type];
        var values = shape.Aggregate(1L, (n, d) => n * d);
        return values / layout[0] * layout[1];
    }

    private static IEnumerable<Tensor> Block(string prefix, int state, int weight, params string[] attentions)
    {
        yield return new(prefix + "mlp_ln.weight", F32, state);
        yield return new(prefix + "mlp_ln.bias", F32, state);
        yield return new(prefix + "mlp.0.weight", weight, state, 4 * state);
        yield return new(prefix + "mlp.0.bias", F32, 4 * state);
        yield return new(prefix + "mlp.2.weight", weight, 4 * state, state);
        yield return new(prefix + "mlp.2.bias", F32, state);
        foreach (var attention in attentions)
        {
            var p = prefix + attention;
            yield return new(p + "_ln.weight", F32, state);
            yield return new(p + "_ln.bias", F32, state);
            yield return new(p + ".query.weight", weight, state, state);
            yield return new(p + ".query.bias", F32, state);
            yield return new(p + ".key.weight", weight, state, state);
            yield return new(p + ".value.weight", weight, state, state);
            yield return new(p + ".value.bias", F32, state);
            yield return new(p + ".out.weight", weight, state, state);
            yield return new(p + ".out.bias", F32, state);
        }
    }

    private GgmlModelWriter Multilingual() => this with { VocabularySize = 51865 };

    private GgmlModelWriter Sized(int state, int heads, int layers) =>
        this with { AudioState = state, AudioHeads = heads, AudioLayers = layers, TextState = state, TextHeads = heads, TextLayers = layers };

    // Written under a temporary name and renamed, so an interrupted run never leaves a file that
    // a later one would take for a whole model.
    private string Write(string path, IReadOnlyList<Tensor> tensors)
    {
        var partial = path + ".partial";
        using (var stream = File.Create(partial))
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FileMagic);
            foreach (var value in new[] { VocabularySize, AudioContext, AudioState, AudioHeads, AudioLayers, TextContext, TextState, TextHeads, TextLayers, Mels, FileType })
            {
                writer.Write(value);
            }
            writer.Write(Mels);
            writer.Write(FftBins);
            var filters = MelFilters ?? new float[Mels * FftBins];
            foreach (var f in filters)
            {
                writer.Write(f);
            }
            var vocabulary = Vocabulary ?? SyntheticVocabulary(IsMultilingual);
            writer.Write(vocabulary.Count);
            foreach (var token in vocabulary)
            {
                writer.Write(token.Length);
                writer.Write(token);
            }
            foreach (var tensor in tensors)
            {
                var name = Encoding.UTF8.GetBytes(tensor.Name);
                writer.Write(tensor.Shape.Count);
                writer.Write(name.Length);
                writer.Write(tensor.Type);
                foreach (var d in tensor.Shape)
                {
                    writer.Write(d);
                }
                writer.Write(name);
                writer.Flush();
                // Zeros by seeking past the end: the file system makes a hole that reads back as
                // zeros, so a 78 MB model costs neither the memory nor the disk writes.
                stream.Seek(DataLength(tensor.Type, tensor.Shape), SeekOrigin.Current);
            }
            writer.Flush();
            stream.SetLength(stream.Position);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>One tensor's entry: its name, ggml type id (0 f32, 1 f16, 8 q8_0, ...) and shape in ggml order.</summary>
    public sealed record Tensor(string Name, int Type, IReadOnlyList<int> Shape)
    {
        public Tensor(string name, int type, params int[] shape) : this(name, type, (IReadOnlyList<int>)shape)
        {
        }
    }
}
