namespace YtPipe.PowerShell;

/// <summary>A model of the catalog or of the model folder, as Get-YtModel and Save-YtModel emit it.</summary>
public sealed class ModelInfo
{
    /// <summary>The name -Model takes: base.en, large-v3-turbo-q8_0, ...</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>whisper, or vad for the Silero voice-activity model.</summary>
    public string Kind { get; init; } = "whisper";

    /// <summary>The weight type: f16, q8_0, q5_1, q5_0.</summary>
    public string Precision { get; init; } = "f16";

    /// <summary>en for English-only models, else multilingual.</summary>
    public string Languages { get; init; } = "multilingual";

    /// <summary>Size in MiB: the file's when installed, else the catalog's estimate.</summary>
    public long SizeMiB { get; init; }

    /// <summary>Whether the file is in the model folder.</summary>
    public bool Installed { get; init; }

    /// <summary>Where the file is, or will be once downloaded.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Whether the catalog knows it (and can download it).</summary>
    public bool InCatalog { get; init; }

    /// <summary>The published SHA-1 the download is checked against, when there is one.</summary>
    public string? Sha1 { get; init; }

    /// <summary>Where it downloads from.</summary>
    public string? Url { get; init; }
}
