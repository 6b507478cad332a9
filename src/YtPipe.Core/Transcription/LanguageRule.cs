using YtPipe.Core.Errors;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Which language whisper.cpp is told: what the user asked for, else English for an English-only
/// model (it knows one language, and saying so skips a detection pass per file), else detection.
/// </summary>
internal static class LanguageRule
{
    /// <summary>
    /// The language choice for <paramref name="requested"/>: none or <c>auto</c> detects, one code is
    /// forced, two or more restrict detection to them (an English-only model knows one language, so
    /// it is told English when the list has it).
    /// </summary>
    /// <exception cref="LanguageUnknownException">A code Whisper does not know, or <c>auto</c> in a list.</exception>
    public static LanguageChoice Choose(IReadOnlyList<string>? requested, bool englishOnly, string modelName)
    {
        var codes = (requested ?? []).Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        if (codes.Count > 1 && codes.Contains("auto"))
        {
            throw new LanguageUnknownException("auto", $"{HostWording.Option("Language")} 'auto' detects any language and cannot be combined with a list of languages.")
            {
                Fix = $"Give {HostWording.Option("Language")} auto alone, or only the language codes to choose from.",
            };
        }
        var unknown = codes.Where(c => c != "auto" && !WhisperLanguages.IsKnown(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new LanguageUnknownException(unknown[0],
                $"Whisper does not know the language code{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(c => $"'{c}'"))}.")
            {
                Fix = $"Use two- or three-letter codes Whisper knows, such as en, de, fr, yue (press Tab after {HostWording.Option("Language")} to list them).",
            };
        }
        if (codes.Count <= 1)
        {
            var (language, warning) = Resolve(codes.FirstOrDefault(), englishOnly, modelName);
            return new LanguageChoice(language, [], warning);
        }
        if (englishOnly)
        {
            var (language, warning) = Resolve(codes.Contains("en") ? "en" : codes[0], englishOnly, modelName);
            return new LanguageChoice(language, [], warning);
        }
        return new LanguageChoice(null, codes, null);
    }

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
