using YtPipe.Core.Transcription;
using static YtPipe.Tests.Support.TestTranscripts;

namespace YtPipe.Tests.Transcription;

public sealed class WordJoinerTests
{
    private static TimedToken T(string text, double start, double end, float p = 1f) => new(text, Seconds(start), Seconds(end), p);

    [Fact]
    public void LeadingSpace_StartsAWord_AndATokenWithoutOneContinuesIt()
    {
        var words = WordJoiner.Join([T(" Fou", 0, 0.2), T("rier", 0.2, 0.5), T(" trans", 0.6, 0.8), T("form", 0.8, 1.1)]);

        Assert.Equal(["Fourier", "transform"], words.Select(w => w.Text));
        Assert.Equal((Seconds(0), Seconds(0.5)), (words[0].Start, words[0].End));
        Assert.Equal((Seconds(0.6), Seconds(1.1)), (words[1].Start, words[1].End));
    }

    [Fact]
    public void FirstToken_WithoutLeadingSpace_StillStartsAWord()
    {
        var words = WordJoiner.Join([T("Hello", 0, 0.4), T(" world", 0.4, 0.9)]);

        Assert.Equal(["Hello", "world"], words.Select(w => w.Text));
    }

    [Fact]
    public void Punctuation_AttachesToTheWordBefore_EvenWithASpace()
    {
        var words = WordJoiner.Join([T(" Yes", 0, 0.3), T(",", 0.3, 0.35), T(" really", 0.4, 0.8), T(" ...", 0.8, 0.9), T(" no", 1, 1.2), T("!", 1.2, 1.3)]);

        Assert.Equal(["Yes,", "really...", "no!"], words.Select(w => w.Text));
        Assert.Equal(Seconds(0.9), words[1].End);
    }

    [Fact]
    public void OpeningPunctuation_WithASpace_OpensTheNextWord()
    {
        var words = WordJoiner.Join([T(" said", 0, 0.3), T(" \"", 0.3, 0.4), T("Hi", 0.4, 0.6), T("\"", 0.6, 0.7)]);

        Assert.Equal(["said", "\"Hi\""], words.Select(w => w.Text));
        Assert.Equal(Seconds(0.3), words[1].Start);
    }

    [Fact]
    public void ASymbolWithASpace_StartsAWord()
    {
        var words = WordJoiner.Join([T(" costs", 0, 0.3), T(" $", 0.3, 0.4), T("5", 0.4, 0.6)]);

        Assert.Equal(["costs", "$5"], words.Select(w => w.Text));
    }

    [Fact]
    public void SpecialTokens_AreDropped()
    {
        var words = WordJoiner.Join([T("[_BEG_]", 0, 0), T(" Hi", 0, 0.5), T("[_TT_50]", 0.5, 0.5), T("<|endoftext|>", 0.5, 0.5), T(" there", 0.6, 1)]);

        Assert.Equal(["Hi", "there"], words.Select(w => w.Text));
        Assert.Equal(Seconds(0.5), words[0].End);
    }

    [Fact]
    public void WordProbability_IsTheMeanOfItsTokens()
    {
        var words = WordJoiner.Join([T(" Ku", 0, 0.1, 0.9f), T("ber", 0.1, 0.2, 0.5f), T("netes", 0.2, 0.4, 0.4f), T(" ok", 0.5, 0.6, 0.8f)]);

        Assert.Equal(0.6f, words[0].Probability!.Value, 4);
        Assert.Equal(0.8f, words[1].Probability!.Value, 4);
    }

    [Fact]
    public void NoTextTokens_GiveNoWords()
    {
        Assert.Empty(WordJoiner.Join([T("[_BEG_]", 0, 0), T("[_TT_100]", 1, 1)]));
    }
}
