namespace YtPipe.Core.Transcription;

/// <summary>
/// Joins whisper.cpp's tokens into words. Whisper's vocabulary marks a word's first token with a
/// leading space, so a token with one starts a word and a token without one continues it; a token
/// of closing punctuation joins the word before even with a space (" ." would otherwise be a word
/// of its own), while opening punctuation with a space starts the word it opens. Special tokens
/// (<c>[_BEG_]</c>, <c>[_TT_150]</c>, <c>&lt;|endoftext|&gt;</c>) carry no text and are dropped.
/// A word spans its tokens, and its probability is the mean of theirs.
/// </summary>
internal static class WordJoiner
{
    private const string OpeningPunctuation = "([{\"'“‘«¿¡";

    public static IReadOnlyList<TranscriptWord> Join(IEnumerable<TimedToken> tokens)
    {
        var words = new List<TranscriptWord>();
        var parts = new List<TimedToken>();
        foreach (var token in tokens)
        {
            if (IsSpecial(token.Text) || token.Text.Length == 0)
            {
                continue;
            }
            var closing = IsClosingPunctuation(token.Text.Trim());
            var startsWord = token.Text[0] == ' ' && !closing;
            if (startsWord && parts.Count > 0 && !OnlyOpening(parts))
            {
                Flush(parts, words);
            }
            // A word holds no space: the layout splits cues at spaces, and " ..." belongs to its word.
            parts.Add(closing && parts.Count > 0 ? token with { Text = token.Text.Trim() } : token);
        }
        Flush(parts, words);
        return words;
    }

    /// <summary>Whisper's special tokens: <c>[_...]</c> as whisper.cpp names them, <c>&lt;|...|&gt;</c> as the vocabulary files do.</summary>
    public static bool IsSpecial(string text) =>
        (text.StartsWith("[_", StringComparison.Ordinal) && text.EndsWith(']'))
        || (text.StartsWith("<|", StringComparison.Ordinal) && text.EndsWith("|>", StringComparison.Ordinal));

    private static bool IsClosingPunctuation(string text) =>
        text.Length > 0 && text.All(char.IsPunctuation) && !text.Any(c => OpeningPunctuation.Contains(c));

    // An opening mark waits for its word: " (" then "Hello" is one word "(Hello".
    private static bool OnlyOpening(List<TimedToken> parts) =>
        parts.All(p => p.Text.Trim().Length > 0 && p.Text.Trim().All(c => OpeningPunctuation.Contains(c)));

    private static void Flush(List<TimedToken> parts, List<TranscriptWord> words)
    {
        if (parts.Count == 0) return;
        var text = string.Concat(parts.Select(p => p.Text)).Trim();
        if (text.Length > 0)
        {
            var start = parts.Min(p => p.Start);
            var end = parts.Max(p => p.End);
            words.Add(new TranscriptWord(start, end < start ? start : end, text, parts.Average(p => p.Probability)));
        }
        parts.Clear();
    }
}
