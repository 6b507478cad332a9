using System.Management.Automation;
using System.Security;
using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>Downloads models of the catalog into the model folder: verified, resumable, moved into place atomically.</summary>
[Cmdlet(VerbsData.Save, "YtModel", SupportsShouldProcess = true)]
[OutputType(typeof(ModelInfo))]
public sealed class SaveYtModelCommand : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private ModelCatalog? catalog;

    /// <summary>The models to download, by catalog name (Get-YtModel lists them).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Download again even when the model is installed, and replace it.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>A bearer token for mirrors that need one. Default: $env:YTPIPE_MODEL_TOKEN, else $env:HF_TOKEN. Never shown.</summary>
    [Parameter]
    public SecureString? Token { get; set; }

    protected override void BeginProcessing() => catalog = this.Terminating(ModelCatalog.Load);

    protected override void ProcessRecord()
    {
        var folder = ModelLocator.ModelDirectory;
        foreach (var name in Name)
        {
            var entry = catalog!.Find(name);
            if (entry is null)
            {
                var closest = catalog.Closest(name);
                WriteError(ErrorRecords.From(new ModelUnknownException(name, $"The catalog has no model '{name}'.")
                {
                    Fix = closest.Count > 0 ? $"Did you mean {string.Join(", ", closest)}? {HostWording.Command(HostWording.ListModels)} lists the catalog." : $"{HostWording.Command(HostWording.ListModels)} lists the catalog.",
                }));
                continue;
            }
            var target = Path.Combine(folder, entry.FileName);
            if (File.Exists(target) && !Force)
            {
                WriteVerbose($"{entry.Name} is installed: {target} (use -Force to download it again).");
                WriteObject(ModelCommands.FromEntry(entry, folder));
                continue;
            }
            if (!ShouldProcess(target, $"Download {entry.Name} (about {entry.SizeMiB} MiB) from {entry.Url}"))
            {
                continue;
            }
            if (this.NonTerminating(() => ModelCommands.Download(this, entry, folder, Force, ModelCommands.Token(Token), activityId: 1, stop.Token)))
            {
                WriteObject(ModelCommands.FromEntry(entry, folder));
            }
        }
    }

    protected override void StopProcessing() => stop.Cancel();

    public void Dispose() => stop.Dispose();
}
