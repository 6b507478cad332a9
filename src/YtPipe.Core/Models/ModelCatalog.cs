using System.Text.Json;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Models;

/// <summary>
/// The models YtPipe can download: the ggml models of whisper.cpp on Hugging Face, with the SHA-1
/// whisper.cpp publishes. <c>$YTPIPE_MODEL_CATALOG</c> names a JSON file to use instead (mirrors,
/// tests), <c>$YTPIPE_MODEL_BASE_URL</c> another base address for the entries without their own.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The environment variable naming a catalog file.</summary>
    public const string CatalogVariable = "YTPIPE_MODEL_CATALOG";

    /// <summary>The environment variable naming a base URL (a mirror).</summary>
    public const string BaseUrlVariable = "YTPIPE_MODEL_BASE_URL";

    private ModelCatalog(IReadOnlyList<ModelCatalogEntry> entries, string source)
    {
        Entries = entries;
        Source = source;
    }

    /// <summary>Every entry, in catalog order.</summary>
    public IReadOnlyList<ModelCatalogEntry> Entries { get; }

    /// <summary>Where the catalog came from: "built-in" or the file's path.</summary>
    public string Source { get; }

    /// <summary>The catalog in force: the file named by the setting, else the built-in one.</summary>
    /// <exception cref="InvalidOptionException">The catalog file is missing or malformed.</exception>
    public static ModelCatalog Load()
    {
        var file = Environment.GetEnvironmentVariable(CatalogVariable);
        if (!string.IsNullOrWhiteSpace(file))
        {
            try
            {
                using var stream = File.OpenRead(file);
                return Parse(stream, Path.GetFullPath(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or UriFormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidOptionException($"The model catalog '{file}' (${CatalogVariable}) cannot be read: {e.Message}", file);
            }
        }
        using var builtIn = typeof(ModelCatalog).Assembly.GetManifestResourceStream("YtPipe.Core.Models.catalog.json")!;
        return Parse(builtIn, "built-in");
    }

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public ModelCatalogEntry? Find(string name) =>
        Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Up to three catalog names closest to <paramref name="name"/>, for "did you mean".</summary>
    public IReadOnlyList<string> Closest(string name) =>
        Entries.Select(e => (e.Name, Distance: Levenshtein(name.ToLowerInvariant(), e.Name.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(2, name.Length / 3))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name.Length)
            .Take(3).Select(x => x.Name).ToList();

    private static ModelCatalog Parse(Stream stream, string source)
    {
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var baseUrlSetting = Environment.GetEnvironmentVariable(BaseUrlVariable);
        var baseUrl = !string.IsNullOrWhiteSpace(baseUrlSetting) ? baseUrlSetting : root.GetProperty("baseUrl").GetString()!;
        if (!baseUrl.EndsWith('/')) baseUrl += "/";
        var entries = new List<ModelCatalogEntry>();
        foreach (var m in root.GetProperty("models").EnumerateArray())
        {
            var name = m.GetProperty("name").GetString()!;
            var url = m.TryGetProperty("url", out var u) && string.IsNullOrWhiteSpace(baseUrlSetting)
                ? new Uri(u.GetString()!)
                : new Uri(new Uri(baseUrl), ModelLocator.FileNameFor(name));
            entries.Add(new ModelCatalogEntry(
                name,
                url,
                m.TryGetProperty("sizeMiB", out var size) ? size.GetInt64() : 0,
                m.TryGetProperty("sha1", out var sha) ? sha.GetString()?.ToLowerInvariant() : null,
                m.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "whisper" : "whisper"));
        }
        return new ModelCatalog(entries, source);
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
