namespace YtPipe.Tests.Support;

/// <summary>Finds files of the checkout.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds YtPipe.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

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
