using System.Text.Json;
using YtPipe.Core.Batch;
using YtPipe.Core.Reporting;

namespace YtPipe.Tests.Reporting;

public sealed class ReportJsonTests
{
    private static readonly TranscriptionReport Report = new("/data/tx",
    [
        new ReportEntry { Name = "a", InputPath = "/data/audio/a.wav", Status = FileStatus.Transcribed, Language = "en", Duration = TimeSpan.FromSeconds(61.5), Model = "base.en", Device = "cpu", Shard = "0/2", Elapsed = TimeSpan.FromSeconds(4), OutputFiles = ["/data/tx/a.json"], RecordPath = "/data/tx/a.json" },
        new ReportEntry { Name = "sub/b", InputPath = "/data/audio/sub/b.wav", Status = FileStatus.Failed, Model = "base.en", Shard = "1/2", ErrorId = "AudioDecodeFailed", ErrorMessage = "bad", RecordPath = "/data/tx/sub/b.ytpipe-failed.json" },
    ], [new ReportProblem("/data/tx/odd.ytpipe.json", "not a record")]);

    [Fact]
    public void TheDocument_HasTheFoldersTotalsAndOneObjectPerInput()
    {
        using var json = JsonDocument.Parse(ReportJson.Write([Report]));
        var root = json.RootElement;

        Assert.Equal("/data/tx", root.GetProperty("folders")[0].GetString());
        var totals = root.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("files").GetInt32());
        Assert.Equal(1, totals.GetProperty("transcribed").GetInt32());
        Assert.Equal(1, totals.GetProperty("failed").GetInt32());
        Assert.Equal(61.5, totals.GetProperty("audio").GetDouble());
        Assert.Equal(1, totals.GetProperty("failures").GetProperty("AudioDecodeFailed").GetInt32());
        Assert.Equal(1, totals.GetProperty("unreadable").GetInt32());
        var files = root.GetProperty("files");
        Assert.Equal(2, files.GetArrayLength());
        Assert.Equal("sub/b", files[1].GetProperty("name").GetString());
        Assert.Equal("Failed", files[1].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, files[1].GetProperty("duration").ValueKind);
        Assert.Equal(4, files[0].GetProperty("elapsed").GetDouble());
    }

    [Fact]
    public void TheSameReport_IsTheSameText()
    {
        Assert.Equal(ReportJson.Write([Report]), ReportJson.Write([Report]));
    }
}
