using System.Globalization;
using System.Text.RegularExpressions;

namespace YtPipe.Core.Download;

/// <summary>
/// What <c>yt-dlp --version</c> printed. yt-dlp versions are release dates (2023.03.04, or
/// 2025.11.12.232432 for a nightly), which is what tells whether it still keeps up with YouTube.
/// </summary>
public sealed partial record YtDlpVersion(string Text, DateOnly? ReleaseDate)
{
    /// <summary>Parses the first line of <c>yt-dlp --version</c>; an unknown form keeps its text and has no date.</summary>
    public static YtDlpVersion Parse(string output)
    {
        var text = (output ?? string.Empty).Trim().Split('\n', 2)[0].Trim();
        var m = DatePattern().Match(text);
        if (m.Success
            && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var mo)
            && int.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo))
        {
            return new YtDlpVersion(text, new DateOnly(y, mo, d));
        }
        return new YtDlpVersion(text, null);
    }

    /// <summary>How old the release is on <paramref name="today"/>; null when the version has no date.</summary>
    public TimeSpan? AgeOn(DateOnly today) =>
        ReleaseDate is { } date ? TimeSpan.FromDays(Math.Max(0, today.DayNumber - date.DayNumber)) : null;

    /// <inheritdoc />
    public override string ToString() => Text;

    [GeneratedRegex(@"^(\d{4})\.(\d{1,2})\.(\d{1,2})(?:\.\d+)?\b")]
    private static partial Regex DatePattern();
}
