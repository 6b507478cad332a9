namespace YtPipe.Tests.Support;

/// <summary>
/// A theory over whisper.cpp's own weightless test models in <c>../shared/models</c>, a folder that
/// only this project's build machines have beside the checkout: skipped, saying so, elsewhere.
/// No test needs it; these only compare the self-written models with real ones.
/// </summary>
public sealed class SharedModelsTheoryAttribute : TheoryAttribute
{
    public SharedModelsTheoryAttribute()
    {
        if (!Directory.Exists(Folder))
        {
            Skip = $"No whisper.cpp test models at {Folder} to compare with (optional).";
        }
    }

    /// <summary>The folder of <c>for-tests-ggml-NAME.bin</c>.</summary>
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "models"));
}
