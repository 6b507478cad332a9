namespace YtPipe.Core.Models;

/// <summary>One downloadable model.</summary>
/// <param name="Name">The name users type: <c>base.en</c>, <c>large-v3-turbo-q8_0</c>.</param>
/// <param name="Url">Where to download it from.</param>
/// <param name="SizeMiB">Approximate size, for display and free-space checks.</param>
/// <param name="Sha1">The published SHA-1, when whisper.cpp publishes one.</param>
/// <param name="Kind"><c>whisper</c>, or <c>vad</c> for the Silero voice-activity model.</param>
public sealed record ModelCatalogEntry(string Name, Uri Url, long SizeMiB, string? Sha1, string Kind = "whisper")
{
    /// <summary>The file name in the model folder: <c>ggml-&lt;name&gt;.bin</c>.</summary>
    public string FileName => ModelLocator.FileNameFor(Name);

    /// <summary>Whether the model knows English only (<c>.en</c> models).</summary>
    public bool IsEnglishOnly => Name.Contains(".en", StringComparison.Ordinal);

    /// <summary>The weight type the name says: f16 unless a <c>-qN_M</c> suffix says otherwise.</summary>
    public string Precision => ModelVariants.PrecisionOf(Name);

    /// <summary>The model without its precision suffix: <c>base-q8_0</c> → <c>base</c>.</summary>
    public string Family => ModelVariants.FamilyOf(Name);
}
