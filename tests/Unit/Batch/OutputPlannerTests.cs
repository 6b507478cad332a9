using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Batch;

public sealed class OutputPlannerTests : IDisposable
{
    private static readonly OutputFormat[] JsonAndTxt = [OutputFormat.Json, OutputFormat.Txt];

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ByDefault_TranscriptsGoBesideTheInput()
    {
        var input = folder.PathOf(Path.Combine("a", "talk.wav"));

        var plan = new OutputPlanner(null, JsonAndTxt, force: false).Plan(new TranscriptionInput(input))!;

        Assert.Equal(folder.PathOf(Path.Combine("a", "talk.json")), plan.Paths[OutputFormat.Json]);
        Assert.Equal(folder.PathOf(Path.Combine("a", "talk.txt")), plan.Paths[OutputFormat.Txt]);
        Assert.Equal(JsonAndTxt, plan.ToWrite);
        Assert.False(plan.IsDone);
    }

    [Fact]
    public void WithOutputDirectory_AFolderInputKeepsItsSubFolders()
    {
        var root = folder.PathOf("in");
        var output = folder.PathOf("out");

        var plan = new OutputPlanner(output, JsonAndTxt, force: false)
            .Plan(new TranscriptionInput(Path.Combine(root, "a", "b", "x.wav"), root))!;

        Assert.Equal(Path.Combine(output, "a", "b", "x.json"), plan.Paths[OutputFormat.Json]);
    }

    [Fact]
    public void WithOutputDirectory_AFileInputGoesStraightIntoIt()
    {
        var output = folder.PathOf("out");

        var plan = new OutputPlanner(output, JsonAndTxt, force: false)
            .Plan(new TranscriptionInput(folder.PathOf(Path.Combine("deep", "er", "x.wav"))))!;

        Assert.Equal(Path.Combine(output, "x.json"), plan.Paths[OutputFormat.Json]);
    }

    [Fact]
    public void TwoInputsWithTheSameName_IntoOneOutputDirectory_TheSecondIsRefused()
    {
        var planner = new OutputPlanner(folder.PathOf("out"), JsonAndTxt, force: false);
        var first = folder.PathOf(Path.Combine("monday", "talk.wav"));
        var second = folder.PathOf(Path.Combine("tuesday", "talk.wav"));
        Assert.NotNull(planner.Plan(new TranscriptionInput(first)));

        var error = Assert.Throws<OutputCollisionException>(() => planner.Plan(new TranscriptionInput(second)));

        Assert.Equal("OutputPathCollision", error.ErrorId);
        Assert.Equal(second, error.Target);
        Assert.Contains(first, error.Message);
    }

    [Fact]
    public void TwoInputsWithTheSameStem_BesideEachOther_TheSecondIsRefused()
    {
        var planner = new OutputPlanner(null, JsonAndTxt, force: false);
        Assert.NotNull(planner.Plan(new TranscriptionInput(folder.PathOf("talk.wav"))));

        Assert.Throws<OutputCollisionException>(() => planner.Plan(new TranscriptionInput(folder.PathOf("talk.mp3"))));
    }

    [Fact]
    public void TheSameFileTwice_IsPlannedOnce()
    {
        var planner = new OutputPlanner(null, JsonAndTxt, force: false);
        var input = new TranscriptionInput(folder.PathOf("talk.wav"));
        Assert.NotNull(planner.Plan(input));

        Assert.Null(planner.Plan(input));
    }

    [Fact]
    public void AllOutputsExist_TheFileIsDone()
    {
        folder.WriteFile("talk.json", "{}");
        folder.WriteFile("talk.txt", "");

        var plan = new OutputPlanner(null, JsonAndTxt, force: false).Plan(new TranscriptionInput(folder.PathOf("talk.wav")))!;

        Assert.True(plan.IsDone);
        Assert.Empty(plan.ToWrite);
    }

    [Fact]
    public void SomeOutputsExist_OnlyTheMissingAreToWrite()
    {
        folder.WriteFile("talk.json", "{}");

        var plan = new OutputPlanner(null, [OutputFormat.Json, OutputFormat.Txt, OutputFormat.Srt], force: false)
            .Plan(new TranscriptionInput(folder.PathOf("talk.wav")))!;

        Assert.Equal(new[] { OutputFormat.Txt, OutputFormat.Srt }, plan.ToWrite);
        Assert.False(plan.IsDone);
    }

    [Fact]
    public void Force_WritesEveryOutput_EvenExistingOnes()
    {
        folder.WriteFile("talk.json", "{}");
        folder.WriteFile("talk.txt", "");

        var plan = new OutputPlanner(null, JsonAndTxt, force: true).Plan(new TranscriptionInput(folder.PathOf("talk.wav")))!;

        Assert.Equal(JsonAndTxt, plan.ToWrite);
        Assert.False(plan.IsDone);
    }

    [Fact]
    public void AFileWhereTheOutputFolderShouldBe_IsRefusedWhenPlanned_NamingTheFolder()
    {
        var output = folder.WriteFile("out", "a file, not a folder");
        var planner = new OutputPlanner(output, JsonAndTxt, force: false);
        var input = new TranscriptionInput(folder.PathOf("talk.wav"));

        var error = Assert.Throws<OutputFolderNotWritableException>(() => planner.Plan(input));

        Assert.Equal("OutputFolderNotWritable", error.ErrorId);
        Assert.Equal(output, error.Target);
        Assert.NotNull(error.Fix);
        Assert.Equal("a file, not a folder", File.ReadAllText(output));
        // Refused, not remembered: the same file given again is refused again, not taken for a duplicate.
        Assert.Throws<OutputFolderNotWritableException>(() => planner.Plan(input));
    }

    [Fact]
    public void AFileAboveTheOutputFolder_IsRefusedWhenPlanned()
    {
        var blocker = folder.WriteFile("out", "a file, not a folder");
        var root = folder.PathOf("in");

        var error = Assert.Throws<OutputFolderNotWritableException>(() => new OutputPlanner(blocker, JsonAndTxt, force: false)
            .Plan(new TranscriptionInput(Path.Combine(root, "sub", "talk.wav"), root)));

        Assert.Equal(Path.Combine(blocker, "sub"), error.Target);
        Assert.Contains(blocker, error.Message);
    }

    [Fact]
    public void AnUnwritableFolderOfADoneFile_IsNoError_ForNothingIsWritten()
    {
        folder.WriteFile("talk.json", "{}");
        folder.WriteFile("talk.txt", "");

        var plan = new OutputPlanner(null, JsonAndTxt, force: false).Plan(new TranscriptionInput(folder.PathOf("talk.wav")))!;

        Assert.True(plan.IsDone);
    }

    [Fact]
    public void CheckingAMissingOutputFolder_CreatesNothing()
    {
        var output = folder.PathOf(Path.Combine("not", "yet"));

        new OutputPlanner(output, JsonAndTxt, force: false).Plan(new TranscriptionInput(folder.PathOf("talk.wav")));

        Assert.False(Directory.Exists(folder.PathOf("not")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path, "*", new EnumerationOptions { AttributesToSkip = 0 }));
    }
}
