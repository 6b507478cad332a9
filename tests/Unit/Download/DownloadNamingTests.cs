using YtPipe.Core.Download;

namespace YtPipe.Tests.Download;

public sealed class DownloadNamingTests
{
    [Fact]
    public void AYouTubeItem_IsItsVideoId_AndItsKeyIsYtDlps()
    {
        var identity = DownloadNaming.ForExtractor("Youtube", "dQw4w9WgXcQ");

        Assert.Equal(new ItemIdentity("youtube dQw4w9WgXcQ", "dQw4w9WgXcQ"), identity);
    }

    [Fact]
    public void AnItemOfAnotherExtractor_CarriesTheExtractorInItsName()
    {
        Assert.Equal(new ItemIdentity("vimeo 12345", "vimeo-12345"), DownloadNaming.ForExtractor("Vimeo", "12345"));
    }

    [Fact]
    public void GenericItems_WithTheSameBaseNameOnTwoHosts_GetTwoNamesAndTwoKeys()
    {
        var a = DownloadNaming.ForGenericUrl("http://a.test/talk.mp3");
        var b = DownloadNaming.ForGenericUrl("http://b.test/talk.mp3");

        Assert.StartsWith("talk-", a.FileStem);
        Assert.StartsWith("talk-", b.FileStem);
        Assert.NotEqual(a.FileStem, b.FileStem);
        Assert.NotEqual(a.ArchiveKey, b.ArchiveKey);
        Assert.Equal($"generic {a.FileStem}", a.ArchiveKey);
    }

    [Fact]
    public void AGenericName_IsTheSameOnEveryRun_AndIgnoresYtDlpsSmuggledFragment()
    {
        var plain = DownloadNaming.ForGenericUrl("http://cdn.test/ep1.opus");
        var smuggled = DownloadNaming.ForGenericUrl("http://cdn.test/ep1.opus#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22ep1%22%7D");

        Assert.Equal(plain, smuggled);
        Assert.Equal(plain, DownloadNaming.ForGenericUrl("http://cdn.test/ep1.opus"));
        Assert.Matches("^ep1-[0-9a-f]{8}$", plain.FileStem);
    }

    [Theory]
    [InlineData("http://h/", "media")]
    [InlineData("http://h/a%20b%2Fc.mp3", "a_b_c")]
    [InlineData("http://h/podcast/episode.mp3?token=abc", "episode")]
    public void AGenericNameComesFromTheUrlsBaseName_MadeSafe(string url, string readable)
    {
        var stem = DownloadNaming.ForGenericUrl(url).FileStem;

        Assert.Equal(readable, stem[..stem.LastIndexOf('-')]);
    }

    [Fact]
    public void AnEscapedPathInAUrl_StaysOneSafeName()
    {
        var stem = DownloadNaming.ForGenericUrl("http://h/..%2F..%2Fetc%2Fpasswd").FileStem;

        Assert.Matches("^[A-Za-z0-9_-][A-Za-z0-9._-]*$", stem);
        Assert.DoesNotContain("..", stem);
        Assert.Contains("passwd", stem);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("a/b\\c")]
    [InlineData("CON")]
    [InlineData("naïve café")]
    [InlineData("with\nnewline")]
    [InlineData("")]
    public void UnsafeIds_BecomeSafeNames_ThatStillDifferFromEachOther(string id)
    {
        var stem = DownloadNaming.SafeStem(id);

        Assert.Matches("^[A-Za-z0-9_-][A-Za-z0-9._-]*$", stem);
        Assert.DoesNotContain("..", stem);
        Assert.NotEqual(stem, DownloadNaming.SafeStem(id + "x"));
        Assert.True(DownloadNaming.IsInside(Path.Combine("/out/audio", stem + ".opus"), "/out/audio"));
    }

    [Fact]
    public void LongIds_AreShortened_AndKeptApart()
    {
        var a = DownloadNaming.SafeStem(new string('a', 300) + "1");
        var b = DownloadNaming.SafeStem(new string('a', 300) + "2");

        Assert.True(a.Length <= DownloadNaming.MaxStemLength + 9);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ASafeId_IsKeptAsItIs()
    {
        Assert.Equal("abc-DEF_123.x", DownloadNaming.SafeStem("abc-DEF_123.x"));
    }

    [Theory]
    [InlineData("/out/audio/x.opus", true)]
    [InlineData("/out/audio/sub/x.opus", true)]
    [InlineData("/out/audio", false)]
    [InlineData("/out/audio/../x.opus", false)]
    [InlineData("/out/audiox/x.opus", false)]
    public void IsInside_ResolvesDotDot_AndNeedsTheSeparator(string path, bool inside)
    {
        Assert.Equal(inside, DownloadNaming.IsInside(path, "/out/audio"));
    }

    [Theory]
    [InlineData("opus", true)]
    [InlineData("m4a", true)]
    [InlineData("", false)]
    [InlineData("info.json", false)]
    [InlineData("a/b", false)]
    public void OnlyPlainExtensions_AreSafe(string extension, bool safe)
    {
        Assert.Equal(safe, DownloadNaming.IsSafeExtension(extension));
    }
}
