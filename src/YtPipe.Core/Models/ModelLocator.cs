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

    /// <summary>Resolves a model name to an existing file, or explains where it was looked for.</summary>
    /// <exception cref="ModelNotFoundException">The file is not in the model folder.</exception>
    public static string Resolve(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(".."))
        {
            throw new InvalidOptionException($"'{name}' is not a model name (for example: tiny.en, base, large-v3-turbo).", name);
        }
        var folder = ModelDirectory;
        var path = Path.Combine(folder, FileNameFor(name));
        if (File.Exists(path))
        {
            return path;
        }
        throw new ModelNotFoundException($"The model '{name}' is not installed: '{path}' does not exist.", name)
        {
            Fix = $"Put {FileNameFor(name)} (from https://huggingface.co/ggerganov/whisper.cpp) into '{folder}', " +
                  $"set ${ModelDirVariable} to the folder that holds it, or give the file with {HostWording.Option("ModelPath")}.",
        };
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
