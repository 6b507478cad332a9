using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Transcription;

/// <summary>-Language as a list: which codes are accepted, what whisper.cpp is told, and which detected language a file gets.</summary>
public sealed class LanguageCandidatesTests
{
    [Fact]
    public void TwoOrMoreCodes_RestrictDetection_Normalised()
    {
        var choice = LanguageRule.Choose(["EN", " de", "en"], englishOnly: false, "base");

        Assert.Null(choice.Language);
        Assert.Equal(["en", "de"], choice.Candidates);
        Assert.Null(choice.Warning);
    }

    [Theory]
    [InlineData(new[] { "de" }, "de")]
    [InlineData(new[] { "auto" }, null)]
    [InlineData(new string[0], null)]
    public void NoneOrOneCode_KeepsTodaysRule(string[] requested, string? expected)
    {
        var choice = LanguageRule.Choose(requested, englishOnly: false, "base");

        Assert.Equal(expected, choice.Language);
        Assert.Empty(choice.Candidates);
    }

    [Fact]
    public void AListOnAnEnglishOnlyModel_IsEnglish_WhenTheListHasIt()
    {
        var choice = LanguageRule.Choose(["de", "en"], englishOnly: true, "tiny.en");

        Assert.Equal("en", choice.Language);
        Assert.Empty(choice.Candidates);
        Assert.Null(choice.Warning);
    }

    [Theory]
    [InlineData(new[] { "en", "xx" }, "xx")]
    [InlineData(new[] { "english" }, "english")]
    [InlineData(new[] { "en", "auto" }, "auto")]
    public void UnknownCodes_OrAutoInAList_AreLanguageUnknown_WithAFix(string[] requested, string target)
    {
        var error = Assert.Throws<LanguageUnknownException>(() => LanguageRule.Choose(requested, englishOnly: false, "base"));

        Assert.Equal(ErrorIds.LanguageUnknown, error.ErrorId);
        Assert.Equal(target, error.Target);
        Assert.Contains($"'{target}'", error.Message);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void DetectedCandidate_IsKeptWithItsProbability()
    {
        Assert.Equal(("de", 0.62f), LanguageCandidates.Accept("de", 0.62f, ["en", "de"]));
    }

    [Fact]
    public void DetectedLanguageOutsideTheList_IsReplacedByTheFirstCandidate_WithNoProbability()
    {
        // Whisper.net returns the overall winner when no candidate has an id in whisper.cpp's table.
        Assert.Equal(("en", (float?)null), LanguageCandidates.Accept("fr", 0.9f, ["en", "de"]));
    }

    [Fact]
    public void FailedDetection_GivesTheFirstCandidate_OrNothingWithoutCandidates()
    {
        Assert.Equal(("en", (float?)null), LanguageCandidates.Accept(null, 0f, ["en", "de"]));
        Assert.Equal(((string?)null, (float?)null), LanguageCandidates.Accept(null, 0f, []));
        Assert.Equal(("ja", 0.8f), LanguageCandidates.Accept("ja", 0.8f, []));
    }
}
