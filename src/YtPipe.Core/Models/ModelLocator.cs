using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Models;

/// <summary>
/// Finds model files: a name such as <c>base.en</c> is the file <c>ggml-base.en.bin</c> in the
/// model folder, which is <c>$YTPIPE_MODEL_DIR</c> when set, else a per-user cache folder that
/// follows the platform's convention.
/// </summary>
public static partial class ModelLocator
{
    /// <summary>The environment variable that names the model folder.</summary>
    public const string ModelDirVariable = "YTPIPE_MODEL_DIR";

    /// <summary>The model folder in force now.</summary>
    public static string ModelDirectory
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable(ModelDirVariable);
            return string.IsNullOrWhiteSpace(fromEnv) ? DefaultModelDirectory() : Path.GetFullPath(fromEnv);
        }
    }

    /// <summary>The file name a model name maps to: <c>ggml-&lt;name&gt;.bin</c>.</summary>
    public static string FileNameFor(string name) => $"ggml-{name}.bin";

    /// <summary>The model name of a file: <c>ggml-base.en.bin</c> → <c>base.en</c>; otherwise the file name without extension.</summary>
    public static string NameOf(string path)
    {
        var file = Path.GetFileName(path);
        var match = GgmlFileName().Match(file);
        return match.Success ? match.Groups[1].Value : Path.GetFileNameWithoutExtension(file);
    }

    private static string DefaultModelDirectory()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "YtPipe", "models");
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return Path.Combine(home, "Library", "Caches", "YtPipe", "models");
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cache = string.IsNullOrWhiteSpace(xdg) || !Path.IsPathRooted(xdg) ? Path.Combine(home, ".cache") : xdg;
        return Path.Combine(cache, "ytpipe", "models");
    }

    [GeneratedRegex(@"ggml-(.+)\.bin$", RegexOptions.IgnoreCase)]
    private static partial Regex GgmlFileName();
}
