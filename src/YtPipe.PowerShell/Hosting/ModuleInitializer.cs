using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using YtPipe.Core.Errors;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// Sends the default context's requests for YtPipe.Core to the private context when the module is
/// imported. Only YtPipe.Core is answered: everything it needs then resolves inside that context.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssembly = "YtPipe.Core";

    /// <summary>Called by PowerShell when the module is imported.</summary>
    public void OnImport()
    {
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
        UsePowerShellWording();
    }

    // A method of its own, so that YtPipe.Core is first needed only after the resolver is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UsePowerShellWording() => HostWording.Use(
        option => "-" + option,
        command => command switch
        {
            HostWording.ListModels => "Get-YtModel",
            HostWording.DownloadModel => "Save-YtModel",
            HostWording.ListGpus => "Get-YtGpu",
            HostWording.BuildWithCuda => "build with ./build.ps1 -Cuda",
            _ => command,
        });

    /// <summary>Called by PowerShell when the module is removed.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    // Loads by path, never by name: a by-name load of a missing file would fall back to the default
    // context, which asks this handler again, forever.
    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name != EngineAssembly)
        {
            return null;
        }
        var path = Path.Combine(DependencyLoadContext.Instance.Folder, EngineAssembly + ".dll");
        return File.Exists(path) ? DependencyLoadContext.Instance.LoadFromAssemblyPath(path) : null;
    }
}
