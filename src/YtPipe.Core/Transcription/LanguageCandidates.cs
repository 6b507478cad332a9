namespace YtPipe.Core.Transcription;

/// <summary>
/// What a file's detected language is taken to be. Whisper.net picks the most probable of the
/// candidates from whisper.cpp's full probability table, but falls back to the overall winner when
/// none of them has an id there, and gives no language when detection fails; neither may leak a
/// language outside the user's list into a transcript.
/// </summary>
internal static class LanguageCandidates
{
    /// <summary>
    /// The language to force for the file and its probability: the detected one when it is allowed,
    /// else the first candidate, whose probability is then unknown (null).
    /// </summary>
    public static (string? Language, float? Probability) Accept(string? detected, float probability, IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0)
        {
            return string.IsNullOrEmpty(detected) ? (null, null) : (detected, probability);
        }
        var allowed = detected is not null && candidates.Contains(detected, StringComparer.OrdinalIgnoreCase);
        return allowed ? (detected!.ToLowerInvariant(), probability) : (candidates[0], null);
    }
}
