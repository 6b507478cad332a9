namespace YtPipe.Core.Output;

/// <summary>Segment text as the line-based formats need it.</summary>
internal static class SegmentText
{
    /// <summary>The text on one line: line breaks folded to spaces, ends trimmed.</summary>
    public static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
}
