using YtPipe.Core.Errors;

namespace YtPipe.Core.Models;

/// <summary>
/// What the header of a whisper.cpp ggml model says. <see cref="Read"/> also checks the rest of the
/// file as whisper.cpp will load it (vocabulary, tensor table, length), seeking over the weights, so a
/// corrupt or wrong file is refused before any work starts instead of aborting the process deep
/// inside whisper.cpp.
/// </summary>
public sealed record GgmlModelInfo(
    int VocabularySize, int AudioContext, int AudioState, int AudioHeads, int AudioLayers,
    int TextContext, int TextState, int TextHeads, int TextLayers, int Mels, int FileType)
{
    private const uint Magic = 0x67676d6c; // "ggml"

    /// <summary>The model's size class, told from its encoder shape (tiny, base, small, medium, large).</summary>
    public string SizeClass => (AudioLayers, AudioState) switch
    {
        (4, 384) => "tiny",
        (6, 512) => "base",
        (12, 768) => "small",
        (24, 1024) => "medium",
        (32, 1280) => "large",
        _ => $"{AudioLayers}x{AudioState}",
    };

    /// <summary>
    /// Whether the file holds the model's weights. A file with none is whisper.cpp's test mode: it
    /// runs the encoder at full cost and returns no text.
    /// </summary>
    public bool HasWeights { get; init; }

    /// <summary>English-only models have the smaller vocabulary.</summary>
    public bool IsEnglishOnly => VocabularySize < 51865;

    /// <summary>The weight type: f32, f16, q4_0, q4_1, q5_0, q5_1, q8_0.</summary>
    public string ComputeType => (FileType % 1000) switch
    {
        0 => "f32",
        1 => "f16",
        2 => "q4_0",
        3 => "q4_1",
        7 => "q8_0",
        8 => "q5_0",
        9 => "q5_1",
        var other => $"ftype{other}",
    };

    /// <summary>Reads the header of <paramref name="path"/> and checks the whole file.</summary>
    /// <exception cref="ModelNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="ModelInvalidException">The file is not a ggml whisper model whisper.cpp can load, or is damaged or truncated.</exception>
    public static GgmlModelInfo Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelNotFoundException($"The model file '{path}' does not exist.", path) { Fix = $"Check the path given to {HostWording.Option("ModelPath")}." };
        }
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            if (stream.Length < 48)
            {
                throw Invalid(path, $"the file has only {stream.Length} bytes");
            }
            var magic = reader.ReadUInt32();
            if (magic != Magic)
            {
                throw Invalid(path, $"it does not start with the ggml magic number (found 0x{magic:x8})");
            }
            var h = new int[11];
            for (var i = 0; i < h.Length; i++) h[i] = reader.ReadInt32();
            var info = new GgmlModelInfo(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10]);
            GgmlModelValidator.CheckHeader(path, info);
            var tensors = GgmlModelValidator.CheckBody(path, info, stream, reader);
            return info with { HasWeights = tensors > 0 };
        }
        catch (EndOfStreamException)
        {
            throw Invalid(path, "the file is truncated");
        }
        catch (IOException e)
        {
            throw Invalid(path, e.Message, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Invalid(path, e.Message, e);
        }
    }

    private static ModelInvalidException Invalid(string path, string reason, Exception? inner = null) =>
        GgmlModelValidator.Invalid(path, reason, inner);
}
