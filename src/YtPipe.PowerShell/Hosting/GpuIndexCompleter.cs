using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using YtPipe.Core.Gpu;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Completes -GpuIndex with the indexes Get-YtGpu shows, each with the GPU's name and free memory.</summary>
public sealed class GpuIndexCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        GpuQueryResult result;
        try
        {
            // The query gives up on a hung nvidia-smi by itself (NvidiaSmiQuery.Timeout).
            result = NvidiaSmiQuery.QueryAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or Core.Errors.YtPipeException or IOException)
        {
            return [];   // no GPU list is no completion, never an error at the prompt
        }
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return result.Gpus
            .Select(g => (Text: g.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Gpu: g))
            .Where(x => x.Text.StartsWith(typed, StringComparison.Ordinal))
            .Select(x => new CompletionResult(x.Text, $"{x.Text}: {x.Gpu.Name}", CompletionResultType.ParameterValue,
                x.Gpu.MemoryFreeMiB is { } free ? $"{x.Gpu.Name}, {free} MiB free" : x.Gpu.Name));
    }
}
