using System.Management.Automation;
using YtPipe.Core.Errors;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Turns -Path (wildcards) and -LiteralPath values into file-system paths, the PowerShell way.</summary>
internal static class InputPathResolver
{
    /// <summary>The file-system paths for <paramref name="path"/>, or an error record for the caller to write.</summary>
    public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, string path, bool literal, out ErrorRecord? error)
    {
        error = null;
        try
        {
            if (literal)
            {
                var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (!IsFileSystem(provider))
                {
                    error = NotFileSystem(path, provider);
                    return [];
                }
                return [resolved];
            }
            var paths = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var wildcardProvider);
            if (!IsFileSystem(wildcardProvider))
            {
                error = NotFileSystem(path, wildcardProvider);
                return [];
            }
            if (paths.Count == 0)
            {
                error = ErrorRecords.From(new InputNotFoundException(path));
            }
            return paths;
        }
        catch (ItemNotFoundException)
        {
            error = ErrorRecords.From(new InputNotFoundException(path));
        }
        catch (Exception e) when (e is System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or PSArgumentException or NotSupportedException)
        {
            error = ErrorRecords.From(new InputNotFoundException(path));
        }
        return [];
    }

    private static bool IsFileSystem(ProviderInfo provider) => provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider);

    private static ErrorRecord NotFileSystem(string path, ProviderInfo provider) =>
        ErrorRecords.Create("InputNotFileSystem", ErrorCategory.InvalidArgument, path,
            $"'{path}' is on the {provider.Name} provider; Invoke-YtTranscription reads files only.");
}
