namespace YtPipe.Core.Models;

/// <summary>The model file a name and compute type lead to.</summary>
/// <param name="Name">The variant's name, such as <c>base-q8_0</c>.</param>
/// <param name="Path">Where the file is (or will be once downloaded).</param>
/// <param name="Download">The catalog entry to download first; null when installed.</param>
/// <param name="Why">Why this variant, for -Verbose.</param>
internal sealed record ModelChoice(string Name, string Path, ModelCatalogEntry? Download, string Why);
