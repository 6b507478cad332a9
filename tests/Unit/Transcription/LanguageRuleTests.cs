using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Transcription;

public sealed class LanguageRuleTests
{
    [Theory]
    [InlineData(null, true, "en")]     // English-only: no detection pass
    [InlineData("auto", true, "en")]
    [InlineData(null, false, null)]    // multilingual: detect per file
    [InlineData("AUTO", false, null)]
    [InlineData("De", false, "de")]
    [InlineData("en", true, "en")]
    public void Resolve_PicksTheLanguageToRequest(string? requested, bool englishOnly, string? expected)
    {
        var (language, warning) = LanguageRule.Resolve(requested, englishOnly, "m");

        Assert.Equal(expected, language);
        Assert.Null(warning);
    }

    [Fact]
    public void AnotherLanguageOnAnEnglishOnlyModel_IsWarned()
    {
        var (language, warning) = LanguageRule.Resolve("de", englishOnly: true, "tiny.en");

        Assert.Equal("de", language);
        Assert.Contains("tiny.en is an English-only model", warning);
    }
}
