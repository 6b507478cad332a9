namespace YtPipe.Core.Transcription;

/// <summary>
/// Which language whisper.cpp is told: what the user asked for, else English for an English-only
/// model (it knows one language, and saying so skips a detection pass per file), else detection.
/// </summary>
internal static class LanguageRule
{
    /// <summary>The language to request (null: detect), and a warning when the request cannot work well.</summary>
    /// <param name="requested">The language code asked for; null or "auto" means detect.</param>
    /// <param name="englishOnly">Whether the model is English-only.</param>
    /// <param name="modelName">The model's name, for the warning.</param>
    public static (string? Language, string? Warning) Resolve(string? requested, bool englishOnly, string modelName)
    {
        if (requested is null || requested.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return (englishOnly ? "en" : null, null);
        }
        var language = requested.ToLowerInvariant();
        return englishOnly && language != "en"
            ? (language, $"{modelName} is an English-only model; language '{language}' will not work well. Use a multilingual model such as 'base'.")
            : (language, null);
    }
}
