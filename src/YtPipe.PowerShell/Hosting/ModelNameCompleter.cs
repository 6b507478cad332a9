using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Completes -Model with the models installed in the model folder and the common published names.</summary>
public sealed class ModelNameCompleter : IArgumentCompleter
{
    private static readonly string[] Published =
    [
        "tiny", "tiny.en", "base", "base.en", "small", "small.en", "medium", "medium.en",
        "large-v1", "large-v2", "large-v3", "large-v3-turbo",
    ];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var installed = InstalledNames();
        return Published.Concat(installed).Distinct(StringComparer.OrdinalIgnoreCase)
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
