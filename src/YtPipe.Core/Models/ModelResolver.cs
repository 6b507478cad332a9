using YtPipe.Core.Errors;

namespace YtPipe.Core.Models;

/// <summary>
/// Picks the model file for a name and a compute type. Auto on CPU prefers q8_0, as the seed's
/// auto chose int8 on CPU: measured here (bench/RESULTS.md) it runs base.en 1.15x faster than f16,
/// with 45 % less on disk and 13 % less peak memory, while q5_1 and q5_0 are no faster than f16 and less accurate, so they come
/// after f16 and are used only when installed and nothing better is. On GPU it keeps f16. An
/// installed variant wins over one that would have to be downloaded.
/// </summary>
internal static class ModelResolver
{
    private static readonly string[] CpuPreference = ["q8_0", "f16", "q5_1", "q5_0"];
    private static readonly string[] GpuPreference = ["f16", "q8_0", "q5_1", "q5_0"];

    /// <summary>Chooses the file for <paramref name="name"/>.</summary>
    /// <param name="name">A model name: a family (<c>base.en</c>) or a variant (<c>base-q8_0</c>).</param>
    /// <param name="computeType">The precision asked for.</param>
    /// <param name="onGpu">Whether the model will run on a GPU.</param>
    /// <param name="catalog">The downloadable models.</param>
    /// <param name="folder">The model folder.</param>
    /// <exception cref="ModelUnknownException">Neither installed nor in the catalog.</exception>
    public static ModelChoice Resolve(string name, ComputeType computeType, bool onGpu, ModelCatalog catalog, string folder)
    {
        var family = ModelVariants.FamilyOf(name);
        var namedPrecision = ModelVariants.PrecisionOf(name);
        var explicitVariant = !string.Equals(family, name, StringComparison.OrdinalIgnoreCase);
        string[] wanted;
        string why;
        if (computeType == ComputeType.Auto)
        {
            if (explicitVariant)
            {
                wanted = [namedPrecision];
                why = $"the name {name} names its precision";
            }
            else
            {
                wanted = onGpu ? GpuPreference : CpuPreference;
                why = onGpu ? "Auto on GPU prefers f16" : "Auto on CPU prefers q8_0 (faster than f16 on CPU, with less memory), then f16";
            }
        }
        else
        {
            var precision = computeType == ComputeType.Float16 ? "f16" : computeType.ToString().ToLowerInvariant();
            if (explicitVariant && namedPrecision != precision)
            {
                throw new InvalidOptionException($"{HostWording.Option("Model")} {name} names precision {namedPrecision}, but {HostWording.Option("ComputeType")} asks for {computeType}. Give the family name ({family}) with {HostWording.Option("ComputeType")}, or the variant's name alone.", name);
            }
            wanted = [precision];
            why = $"{HostWording.Option("ComputeType")} {computeType}";
        }
        var candidates = wanted.Select(p => ModelVariants.Name(family, p)).ToList();
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(folder, ModelLocator.FileNameFor(candidate));
            if (File.Exists(path))
            {
                return new ModelChoice(candidate, path, null, $"{why}; {candidate} is installed");
            }
        }
        foreach (var candidate in candidates)
        {
            if (catalog.Find(candidate) is { Kind: "whisper" } entry)
            {
                return new ModelChoice(entry.Name, Path.Combine(folder, entry.FileName), entry, $"{why}; {entry.Name} is in the catalog");
            }
        }
        var known = catalog.Entries.Where(e => e.Kind == "whisper" && string.Equals(e.Family, family, StringComparison.OrdinalIgnoreCase)).Select(e => e.Name).ToList();
        if (known.Count > 0)
        {
            throw new ModelUnknownException(name, $"There is no {string.Join(" or ", wanted)} variant of {family}: the catalog has {string.Join(", ", known)}, and none of the others is installed in '{folder}'.")
            {
                Fix = $"Use another {HostWording.Option("ComputeType")}, or put the file you made (ggml-" + candidates[0] + ".bin) into the model folder.",
            };
        }
        var closest = catalog.Closest(name);
        throw new ModelUnknownException(name, $"'{name}' is not a model YtPipe knows: it is not installed in '{folder}' and not in the catalog.")
        {
            Fix = closest.Count > 0
                ? $"Did you mean {string.Join(", ", closest)}? {HostWording.Command(HostWording.ListModels)} lists the catalog."
                : $"{HostWording.Command(HostWording.ListModels)} lists the catalog; a model of your own goes into the model folder as ggml-NAME.bin.",
        };
    }
}
