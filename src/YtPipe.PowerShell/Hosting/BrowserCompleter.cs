using System.Management.Automation;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Offers the browsers yt-dlp reads cookies from.</summary>
public sealed class BrowserCompleter : IArgumentCompleter
{
    private static readonly string[] Browsers = ["brave", "chrome", "chromium", "edge", "firefox", "opera", "safari", "vivaldi"];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
        Browsers.Where(b => b.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Select(b => new CompletionResult(b));
}
