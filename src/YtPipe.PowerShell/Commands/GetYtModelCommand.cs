using System.Management.Automation;
using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>Lists the model catalog with what is installed, or with -Installed every model file in the model folder.</summary>
[Cmdlet(VerbsCommon.Get, "YtModel")]
[OutputType(typeof(ModelInfo))]
public sealed class GetYtModelCommand : PSCmdlet
{
    /// <summary>Model names to list; wildcards are allowed. Default: all.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>List only the models in the model folder, including files the catalog does not know.</summary>
    [Parameter]
    public SwitchParameter Installed { get; set; }

    private ModelCatalog? catalog;

    protected override void BeginProcessing()
    {
        catalog = this.Terminating(ModelCatalog.Load);
        WriteVerbose($"Model folder: {ModelLocator.ModelDirectory}; catalog: {catalog!.Source}.");
    }

    protected override void ProcessRecord()
    {
        var folder = ModelLocator.ModelDirectory;
        var patterns = (Name is { Length: > 0 } ? Name : ["*"]).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        bool Wanted(string name) => patterns.Any(p => p.IsMatch(name));
        var listed = new List<ModelInfo>();
        foreach (var entry in catalog!.Entries.Where(e => Wanted(e.Name)))
        {
            var info = ModelCommands.FromEntry(entry, folder);
            if (!Installed || info.Installed) listed.Add(info);
        }
        if (Installed && Directory.Exists(folder))
        {
            var known = new HashSet<string>(catalog.Entries.Select(e => e.FileName), StringComparer.OrdinalIgnoreCase);
            listed.AddRange(new DirectoryInfo(folder).EnumerateFiles("ggml-*.bin")
                .Where(f => !known.Contains(f.Name))
                .Select(ModelCommands.FromFile)
                .Where(m => Wanted(m.Name))
                .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase));
        }
        var missing = (Name ?? []).Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !listed.Any(m => string.Equals(m.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        WriteObject(listed, enumerateCollection: true);
        foreach (var n in missing)
        {
            var closest = catalog.Closest(n);
            WriteError(ErrorRecords.From(new ModelUnknownException(n, Installed ? $"The model '{n}' is not installed in '{folder}'." : $"The catalog has no model '{n}'.")
            {
                Fix = closest.Count > 0 ? $"Did you mean {string.Join(", ", closest)}?" : null,
            }));
        }
    }
}
