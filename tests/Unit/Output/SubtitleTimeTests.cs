using YtPipe.Core.Output;

namespace YtPipe.Tests.Output;

public sealed class SubtitleTimeTests
{
    [Theory]
    [InlineData(12_345_000L, 1235L)] // 1.2345 s: half a millisecond rounds away from zero
    [InlineData(12_344_999L, 1234L)]
    [InlineData(9_996_000L, 1000L)] // 0.9996 s
    [InlineData(19_999_000L, 2000L)] // truncating would say 1999
    [InlineData(0L, 0L)]
    public void ToMilliseconds_RoundsToTheNearestMillisecond(long ticks, long expected) =>
        Assert.Equal(expected, SubtitleTime.ToMilliseconds(TimeSpan.FromTicks(ticks)));

    [Theory]
    [InlineData(-15_000_000L)]
    [InlineData(-5_000L)] // -0.5 ms, which rounds to -1
    public void ToMilliseconds_NegativeTime_IsZero(long ticks) =>
        Assert.Equal(0, SubtitleTime.ToMilliseconds(TimeSpan.FromTicks(ticks)));

    [Theory]
    [InlineData(0L, ',', "00:00:00,000")]
    [InlineData(1235L, ',', "00:00:01,235")]
    [InlineData(1235L, '.', "00:00:01.235")]
    [InlineData(3_723_004L, ',', "01:02:03,004")]
    public void Format_WritesHoursMinutesSecondsAndMilliseconds(long milliseconds, char separator, string expected) =>
        Assert.Equal(expected, SubtitleTime.Format(milliseconds, separator));

    [Fact]
    public void Format_OfARoundedTime_CarriesIntoTheSecond() =>
        Assert.Equal("00:00:01,000", SubtitleTime.Format(SubtitleTime.ToMilliseconds(TimeSpan.FromTicks(9_996_000)), ','));

    [Fact]
    public void Format_HoursPast99_DoNotWrap() =>
        Assert.Equal("100:01:00,000", SubtitleTime.Format(SubtitleTime.ToMilliseconds(TimeSpan.FromHours(100) + TimeSpan.FromMinutes(1)), ','));
}
