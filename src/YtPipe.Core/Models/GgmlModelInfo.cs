using YtPipe.Core.Errors;

namespace YtPipe.Core.Models;

/// <summary>
/// What the header of a whisper.cpp ggml model says. Reading it costs a few bytes, so a corrupt or
/// wrong file is refused before any work starts instead of deep inside whisper.cpp.
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

    /// <summary>Reads and checks the header of <paramref name="path"/>.</summary>
    /// <exception cref="ModelNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="ModelInvalidException">The file is not a plausible ggml whisper model.</exception>
    public static GgmlModelInfo Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelNotFoundException($"The model file '{path}' does not exist.", path) { Fix = "Check the path given to -ModelPath." };
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
            if (info.VocabularySize is < 50000 or > 60000 || info.AudioLayers is < 1 or > 64 || info.Mels is not (80 or 128)
                || info.AudioState <= 0 || info.TextState <= 0 || info.AudioHeads <= 0 || info.TextHeads <= 0)
            {
                throw Invalid(path, "its header holds values no whisper model has");
            }
            // The mel filter bank follows; a file cut short before it cannot load.
            var nMel = reader.ReadInt32();
            var nFft = reader.ReadInt32();
            if (nMel != info.Mels || nFft <= 0 || stream.Length < stream.Position + 4L * nMel * nFft + 4)
            {
                throw Invalid(path, "the file is truncated");
            }
            return info;
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
        new(path, reason, inner) { Fix = "Download the model again (ggml-<name>.bin from huggingface.co/ggerganov/whisper.cpp) and replace the file." };
}
