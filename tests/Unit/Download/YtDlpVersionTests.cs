using YtPipe.Core.Download;

namespace YtPipe.Tests.Download;

public sealed class YtDlpVersionTests
{
    [Theory]
    [InlineData("2023.03.04\n", 2023, 3, 4)]
    [InlineData("2025.11.12.232432", 2025, 11, 12)]
    [InlineData("  2024.8.6  ", 2024, 8, 6)]
    public void DateVersions_ParseToTheirReleaseDate(string output, int year, int month, int day)
    {
        var version = YtDlpVersion.Parse(output);

        Assert.Equal(new DateOnly(year, month, day), version.ReleaseDate);
        Assert.Equal(output.Trim(), version.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("youtube-dl 2021.12.17-custom")]
    [InlineData("2023.13.40")]
    public void OtherForms_KeepTheirTextWithoutADate(string output)
    {
        var version = YtDlpVersion.Parse(output);

        Assert.Null(version.ReleaseDate);
        Assert.Null(version.AgeOn(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Age_IsCountedInDays_AndNeverNegative()
    {
        var version = YtDlpVersion.Parse("2023.03.04");

        Assert.Equal(TimeSpan.FromDays(31), version.AgeOn(new DateOnly(2023, 4, 4)));
        Assert.Equal(TimeSpan.Zero, version.AgeOn(new DateOnly(2020, 1, 1)));
    }
}
