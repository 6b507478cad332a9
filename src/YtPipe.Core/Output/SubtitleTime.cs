namespace YtPipe.Core.Output;

/// <summary>Timestamps for SRT and VTT: rounded (not truncated) to the millisecond, hours never wrap.</summary>
internal static class SubtitleTime
{
    /// <summary>Rounds to whole milliseconds, half away from zero; negative times become zero.</summary>
    public static long ToMilliseconds(TimeSpan time)
    {
        var ms = (long)Math.Round(time.Ticks / (double)TimeSpan.TicksPerMillisecond, MidpointRounding.AwayFromZero);
        return Math.Max(0, ms);
    }

    /// <summary>Formats <c>HH:MM:SS{separator}mmm</c>; hours grow past 99 rather than wrapping.</summary>
    public static string Format(long milliseconds, char separator)
    {
        var hours = milliseconds / 3_600_000;
        var minutes = milliseconds / 60_000 % 60;
        var seconds = milliseconds / 1000 % 60;
        var ms = milliseconds % 1000;
        return $"{hours:00}:{minutes:00}:{seconds:00}{separator}{ms:000}";
    }
}
