using System.Diagnostics;
using System.Runtime.InteropServices;

namespace YtPipe.Core.Output;

/// <summary>
/// Removes what a killed run left beside the transcripts a new run plans: temporary files
/// (<see cref="TempFileName"/>) whose writer is gone, and claim files (<see cref="OutputClaim"/>)
/// nobody holds. Each folder is listed once per run, however many files it plans there.
/// <para>
/// A temporary file is stale when it was last written well before this run began (writing one
/// takes milliseconds, so nobody is still writing it), or when it was written on this machine by
/// a process that no longer runs (or whose process id now belongs to a process started after
/// the write). A fresh file of a live process, this one included, is left alone: a concurrent
/// run may be about to rename it into place.
/// </para>
/// </summary>
internal sealed class StaleTempFiles(DateTime runStartedUtc)
{
    // Covers clocks that differ between the machines of a shared file system.
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    // Both kinds start with a dot, which .NET takes for hidden on Unix: skip nothing.
    private static readonly EnumerationOptions Leftovers = new() { AttributesToSkip = 0, IgnoreInaccessible = true, MatchType = MatchType.Simple };

    private readonly Dictionary<string, List<string>> namesByFolder = new(PathComparer);
    private readonly Dictionary<int, DateTime?> processStarts = new();

    /// <summary>Removes the stale temporary files of <paramref name="outputPaths"/> and their abandoned claim file.</summary>
    public void RemoveFor(IEnumerable<string> outputPaths)
    {
        foreach (var output in outputPaths)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
            var names = NamesIn(folder);
            if (names.Count == 0) continue;
            var prefix = TempFileName.PrefixFor(output);
            var claimName = Path.GetFileName(OutputClaim.PathFor(output));
            foreach (var name in names.ToList())
            {
                var path = Path.Combine(folder, name);
                if (PathComparer.Equals(name, claimName))
                {
                    OutputClaim.RemoveIfAbandoned(path);
                    names.Remove(name);
                }
                else if (TempFileName.IsTempOf(name, prefix))
                {
                    if (IsStale(path, name))
                    {
                        TryDelete(path);
                        names.Remove(name);
                    }
                }
            }
        }
    }

    /// <summary>Whether the temporary file at <paramref name="path"/> (named <paramref name="name"/>) was left by a writer that is gone.</summary>
    public bool IsStale(string path, string name)
    {
        if (!TempFileName.TryParseWriter(name, out var pid, out var host)) return false;
        DateTime written;
        try { written = File.GetLastWriteTimeUtc(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        if (written < runStartedUtc - Grace) return true;
        if (host != TempFileName.HostTag) return false;
        var started = ProcessStart(pid);
        return started is null || started > written + TimeSpan.FromSeconds(1);
    }

    private List<string> NamesIn(string folder)
    {
        if (!namesByFolder.TryGetValue(folder, out var names))
        {
            names = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, ".*.ytpipe-*", Leftovers)
                    .Select(p => Path.GetFileName(p))
                    .Where(n => n.EndsWith(TempFileName.Suffix, StringComparison.Ordinal) || n.EndsWith(OutputClaim.Suffix, StringComparison.Ordinal))
                    .ToList()
                : [];
            namesByFolder[folder] = names;
        }
        return names;
    }

    // Null when no process has that id. A process that cannot be inspected counts as alive.
    private DateTime? ProcessStart(int pid)
    {
        if (processStarts.TryGetValue(pid, out var known)) return known;
        DateTime? started;
        try
        {
            using var process = Process.GetProcessById(pid);
            started = process.HasExited ? null : process.StartTime.ToUniversalTime();
        }
        catch (ArgumentException)
        {
            started = null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            started = DateTime.MinValue;
        }
        processStarts[pid] = started;
        return started;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
