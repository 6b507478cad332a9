using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace YtPipe.PowerShell.Hosting;

/// <summary>Completes -Language with the language codes Whisper knows.</summary>
public sealed class LanguageCompleter : IArgumentCompleter
{
    // After a comma the word to complete is the next code of the list (-Language en, d<Tab>).
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Core.Transcription.WhisperLanguages.Codes.Prepend("auto")
            .Where(c => c.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c));
}
