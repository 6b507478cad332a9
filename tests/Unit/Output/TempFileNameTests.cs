using System.Text;
using YtPipe.Core.Output;

namespace YtPipe.Tests.Output;

public sealed class TempFileNameTests
{
    [Theory]
    [InlineData("a", 251)]
    [InlineData("é", 125)]
    [InlineData("😀", 63)]
    public void ATemporaryName_FitsTheFileNameLimit_WheneverTheTargetNameFits(string character, int count)
    {
        var target = Path.Combine(Path.GetTempPath(), string.Concat(Enumerable.Repeat(character, count)) + ".txt");

        var name = Path.GetFileName(TempFileName.For(target));

        Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, FileNameShortener.MaxNameBytes);
        Assert.DoesNotContain('\uFFFD', name);
        Assert.StartsWith(TempFileName.PrefixFor(target), name);
    }

    [Fact]
    public void AShortTargetName_IsKeptWhole_AndTheWriterCanBeReadBack()
    {
        var name = Path.GetFileName(TempFileName.For("/somewhere/talk.json"));

        Assert.StartsWith(".talk.json.", name);
        Assert.True(TempFileName.TryParseWriter(name, out var pid, out var host));
        Assert.Equal(Environment.ProcessId, pid);
        Assert.Equal(TempFileName.HostTag, host);
    }

    [Fact]
    public void ANameOfAnotherPattern_HasNoWriter()
    {
        Assert.False(TempFileName.TryParseWriter(".talk.json.0123456789abcdef0123456789abcdef.ytpipe-tmp", out _, out _));
    }

    [Fact]
    public void TwoLongNamesThatShareTheirBeginning_AreShortenedApart()
    {
        var common = new string('a', 300);

        var first = FileNameShortener.Shorten(common + "1", 200);
        var second = FileNameShortener.Shorten(common + "2", 200);

        Assert.NotEqual(first, second);
        Assert.Equal(200, Encoding.UTF8.GetByteCount(first));
        Assert.Equal(first, FileNameShortener.Shorten(common + "1", 200));
    }
}
