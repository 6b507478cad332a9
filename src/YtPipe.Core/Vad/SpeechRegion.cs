using YtPipe.Core.Audio;

namespace YtPipe.Core.Vad;

/// <summary>
/// A stretch of audio in samples at 16 kHz, end exclusive. Samples, not times, so cuts and offsets
/// stay exact: one sample is exactly 625 ticks, so a sample offset maps to a <see cref="TimeSpan"/>
/// without rounding.
/// </summary>
/// <param name="Start">The first sample.</param>
/// <param name="End">The sample after the last.</param>
public readonly record struct SpeechRegion(long Start, long End)
{
    /// <summary>Ticks in one sample at 16 kHz.</summary>
    public const long TicksPerSample = TimeSpan.TicksPerSecond / AudioClip.SampleRate;

    /// <summary>How many samples the region holds.</summary>
    public long Length => End - Start;

    /// <summary>Where the region starts, from the start of the file.</summary>
    public TimeSpan StartTime => TimeOf(Start);

    /// <summary>Where the region ends.</summary>
    public TimeSpan EndTime => TimeOf(End);

    /// <summary>The time of a sample offset, exactly.</summary>
    public static TimeSpan TimeOf(long samples) => TimeSpan.FromTicks(samples * TicksPerSample);

    /// <summary>The sample at or before <paramref name="time"/>.</summary>
    public static long SampleAt(TimeSpan time) => time.Ticks / TicksPerSample;

    /// <summary>The region between two times, rounded outwards to whole samples.</summary>
    public static SpeechRegion FromTimes(TimeSpan start, TimeSpan end) =>
        new(SampleAt(start), (end.Ticks + TicksPerSample - 1) / TicksPerSample);
}
