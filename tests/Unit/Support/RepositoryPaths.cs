namespace YtPipe.Tests.Support;

/// <summary>Finds files of the checkout: the repository is cloned with <c>../shared</c> beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds YtPipe.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The weightless test models of <c>../shared/models</c>.</summary>
    public static string SharedModel(string fileName) =>
        Path.GetFullPath(Path.Combine(Root, "..", "shared", "models", fileName));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "YtPipe.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No YtPipe.sln above '{AppContext.BaseDirectory}'.");
    }
}
