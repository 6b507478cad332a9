using YtPipe.Core.Output;

namespace YtPipe.Tests.Support;

/// <summary>A folder of its own for one test, deleted with everything in it on <see cref="Dispose"/>.</summary>
public sealed class TempFolder : IDisposable
{
    // Temporary files of AtomicFileWriter start with a dot, which .NET treats as hidden on Unix: look at everything.
    private static readonly EnumerationOptions Everything = new() { RecurseSubdirectories = true, AttributesToSkip = 0 };

    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ytpipe-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="relativePath"/> inside the folder (nothing is created).</summary>
    public string PathOf(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/>, creating sub-folders; returns the full path.</summary>
    public string WriteFile(string relativePath, string content = "not really media")
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Every in-flight temporary file of <see cref="AtomicFileWriter"/> left anywhere in the folder.</summary>
    public IReadOnlyList<string> LeftoverTempFiles() =>
        Directory.EnumerateFiles(Path, "*" + AtomicFileWriter.TempSuffix, Everything).ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A straggling writer of a failed test; the OS cleans the temp folder eventually.
        }
    }
}
