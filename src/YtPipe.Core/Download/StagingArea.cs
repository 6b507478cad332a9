using System.Diagnostics;
using System.Globalization;

namespace YtPipe.Core.Download;

/// <summary>
/// Where yt-dlp works: <c>&lt;out&gt;/.ytpipe-staging/&lt;machine&gt;-&lt;pid&gt;-&lt;random&gt;/&lt;n&gt;/</c>, one folder
/// per item. Partial downloads (.part), files waiting for conversion and killed runs' leftovers
/// stay here, never under audio/. A finished file leaves by a rename. A run removes its folder when
/// it ends and, when it starts, the folders of this machine's runs whose process is gone (another
/// machine's runs, on a shared folder, are left alone).
/// </summary>
internal sealed class StagingArea : IDisposable
{
    /// <summary>The staging root's name inside the output folder (hidden: folder searches skip it).</summary>
    public const string FolderName = ".ytpipe-staging";

    private int next;

    /// <summary>Creates this run's folder under <paramref name="outputDirectory"/>, after removing dead runs' folders.</summary>
    public StagingArea(string outputDirectory)
    {
        Root = Path.Combine(outputDirectory, FolderName);
        RemoveAbandoned(Root);
        RunFolder = Path.Combine(Root, $"{Machine}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(RunFolder);
    }

    // The machine's name as a folder-name part: it may hold '-', so names are parsed from the end.
    private static string Machine { get; } = DownloadNaming.SafeStem(Environment.MachineName);

    /// <summary>The staging root.</summary>
    public string Root { get; }

    /// <summary>This run's folder.</summary>
    public string RunFolder { get; }

    /// <summary>A new, empty folder for one item.</summary>
    public string NewItemFolder()
    {
        var folder = Path.Combine(RunFolder, Interlocked.Increment(ref next).ToString("0000", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Removes a folder and what is in it; quiet when something holds a file open.</summary>
    public static void Remove(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Remove(RunFolder);
        try
        {
            if (Directory.Exists(Root) && !Directory.EnumerateFileSystemEntries(Root).Any())
            {
                Directory.Delete(Root);
            }
        }
        catch (IOException)
        {
            // Another run started meanwhile.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveAbandoned(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length < 3
                || string.Join('-', parts[..^2]) != Machine
                || !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            if (pid != Environment.ProcessId && !IsRunning(pid))
            {
                Remove(folder);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
