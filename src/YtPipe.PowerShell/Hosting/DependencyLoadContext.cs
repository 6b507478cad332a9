using System.Reflection;
using System.Runtime.Loader;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// The private load context of the engine and its dependencies (Whisper.net, FFMpegCore, ...), all
/// under the module's Dependencies folder. Another module that ships other versions of the same
/// libraries loads them in its own context, and neither breaks the other.
/// </summary>
internal sealed class DependencyLoadContext(string folder) : AssemblyLoadContext("YtPipe.Dependencies")
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location)!;

    /// <summary>The one context of this module.</summary>
    public static DependencyLoadContext Instance { get; } = new(Path.Combine(ModuleFolder, "Dependencies"));

    /// <summary>The folder the engine loads from.</summary>
    public string Folder => folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(folder, assemblyName.Name + ".dll");
        // Anything not shipped (the framework itself) comes from the default context.
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
