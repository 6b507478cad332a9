namespace YtPipe.Core.Transcription;

/// <summary>What whisper.cpp is told about the language, decided once for a batch by <see cref="LanguageRule"/>.</summary>
/// <param name="Language">The language forced on every file; null detects.</param>
/// <param name="Candidates">When detecting, the languages detection may choose from; empty: any.</param>
/// <param name="Warning">What to warn the user of, when the request cannot work well.</param>
public sealed record LanguageChoice(string? Language, IReadOnlyList<string> Candidates, string? Warning);
