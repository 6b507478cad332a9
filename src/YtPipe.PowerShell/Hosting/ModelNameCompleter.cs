using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Completes model names with the catalog's names and the models installed in the model folder.</summary>
public sealed class ModelNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var installed = InstalledNames();
        IEnumerable<string> catalog;
        try
        {
            catalog = Core.Models.ModelCatalog.Load().Entries.Where(e => e.Kind == "whisper").Select(e => e.Name);
        }
        catch (Core.Errors.YtPipeException)
        {
            catalog = [];   // a broken catalog setting must not break tab completion
        }
        return catalog.Concat(installed).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue,
                installed.Contains(n, StringComparer.OrdinalIgnoreCase) ? $"{n} (installed)" : n));
    }

    private static List<string> InstalledNames()
    {
        try
        {
            var folder = Core.Models.ModelLocator.ModelDirectory;
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "ggml-*.bin").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)[5..]).ToList()
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
