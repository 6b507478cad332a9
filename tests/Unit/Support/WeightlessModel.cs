namespace YtPipe.Tests.Support;

/// <summary>
/// Writes a weightless whisper.cpp ggml model: the real header, mel filters and vocabulary, no tensors
/// (the layout of DESIGN.md, "Models"). Defaults are tiny.en's hyperparameters.
/// </summary>
public sealed record WeightlessModel
{
    public const uint Magic = 0x67676d6c;

    /// <summary>Bytes before the mel filter bank: the magic and eleven hyperparameters.</summary>
    public const int HeaderLength = 4 + 11 * 4;

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
    public int FileType { get; init; } = 1;
    public int FftBins { get; init; } = 201;

    public static WeightlessModel TinyEn { get; } = new();

    /// <summary>Writes the model to <paramref name="path"/>; returns the path.</summary>
    public string WriteTo(string path)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(FileMagic);
        foreach (var value in new[] { VocabularySize, AudioContext, AudioState, AudioHeads, AudioLayers, TextContext, TextState, TextHeads, TextLayers, Mels, FileType })
        {
            writer.Write(value);
        }
        writer.Write(Mels);
        writer.Write(FftBins);
        for (var i = 0; i < Mels * FftBins; i++)
        {
            writer.Write(0f);
        }
        writer.Write(VocabularySize);
        for (var i = 0; i < VocabularySize; i++)
        {
            var token = System.Text.Encoding.UTF8.GetBytes($"t{i}");
            writer.Write(token.Length);
            writer.Write(token);
        }
        return path;
    }
}
