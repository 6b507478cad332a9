using YtPipe.Core.Audio;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Batch;

/// <summary>
/// Turns a resolved path into files: a file is itself, a folder its media files, recursively.
/// <para>
/// A folder is walked lazily, one directory at a time, in the order of the full paths (ordinal),
/// so the first files come at once however large the tree. Links are followed with care, so that a
/// tree with loops ends and gives each file once:
/// a link into the tree, to a folder or a file, is not followed (what it points to is found under its
/// own path, and a link to an ancestor would loop); a link out of the tree is followed once, the
/// first time the walk reaches it; a folder already walked is not walked again; and a file outside
/// reached twice (through two links) is given once, under the first path the walk finds.
/// </para>
/// </summary>
public static class InputExpander
{
    // Links resolved through links through links: past this, treat the chain as a loop.
    private const int MaxLinkDepth = 40;

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>The files <paramref name="path"/> stands for, in a stable (ordinal) order, found as they are enumerated.</summary>
    /// <param name="path">A file or a folder.</param>
    /// <param name="cancellationToken">Checked before each directory is read; cancelling ends the walk with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="InputNotFoundException">Nothing exists at <paramref name="path"/> (thrown at once, not when enumerated).</exception>
    public static IEnumerable<TranscriptionInput> Expand(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return [new TranscriptionInput(full)];
        }
        if (!Directory.Exists(full))
        {
            throw new InputNotFoundException(path);
        }
        return Walk(Path.TrimEndingDirectorySeparator(full), cancellationToken);
    }

    private static IEnumerable<TranscriptionInput> Walk(string root, CancellationToken cancellationToken)
    {
        var realRoot = RealPath(root, 0) ?? root;
        var walked = new HashSet<string>(PathComparer) { realRoot };
        var filesSeen = new HashSet<string>(PathComparer);
        // Depth-first with an explicit stack of folders being read, so a sub-folder is walked at its
        // place among its siblings' files: the full-path order.
        var stack = new Stack<Folder>();
        cancellationToken.ThrowIfCancellationRequested();
        stack.Push(new Folder(realRoot, SortedEntries(root)));
        while (stack.Count > 0)
        {
            var folder = stack.Peek();
            if (folder.Next >= folder.Entries.Count)
            {
                stack.Pop();
                continue;
            }
            var entry = folder.Entries[folder.Next++];
            if (entry is DirectoryInfo)
            {
                if (Subfolder(entry, folder.Real, realRoot, walked) is { } real)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    stack.Push(new Folder(real, SortedEntries(entry.FullName)));
                }
                continue;
            }
            if (!AudioFileTypes.IsMedia(entry.Name))
            {
                continue;
            }
            var realFile = entry.LinkTarget is null ? Path.Combine(folder.Real, entry.Name) : LinkedOutside(entry.FullName, realRoot);
            if (realFile is not null && filesSeen.Add(realFile))
            {
                yield return new TranscriptionInput(entry.FullName, root);
            }
        }
    }

    /// <summary>A folder being read: its real path, its entries in order, and the next one to look at.</summary>
    private sealed class Folder(string real, List<FileSystemInfo> entries)
    {
        public string Real { get; } = real;

        public List<FileSystemInfo> Entries { get; } = entries;

        public int Next { get; set; }
    }

    // The entries of one directory ordered as their full paths would be: a folder's files and
    // sub-folders interleave by name, a folder sorting as its name plus the separator.
    private static List<FileSystemInfo> SortedEntries(string dir)
    {
        List<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", OneLevel).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone or unreadable since it was listed: like an inaccessible folder, it is left out.
            return [];
        }
        entries.Sort((a, b) => string.CompareOrdinal(SortKey(a), SortKey(b)));
        return entries;
    }

    private static string SortKey(FileSystemInfo entry) => entry is DirectoryInfo ? entry.Name + Path.DirectorySeparatorChar : entry.Name;

    /// <summary>The real path of a sub-folder to walk, or null when it must not be walked.</summary>
    private static string? Subfolder(FileSystemInfo entry, string realParent, string realRoot, HashSet<string> walked)
    {
        string? real;
        if (entry.LinkTarget is null)
        {
            real = Path.Combine(realParent, entry.Name);
        }
        else
        {
            real = LinkedOutside(entry.FullName, realRoot);
            if (real is null)
            {
                return null;
            }
        }
        // Only reachable twice through a linked folder outside the tree: walk it once.
        return walked.Add(real) ? real : null;
    }

    /// <summary>The real path of a link that leads out of the tree; null for one into it (or broken).</summary>
    private static string? LinkedOutside(string link, string realRoot) =>
        RealPath(link, 0) is { } real && !IsWithin(real, realRoot) ? real : null;

    private static bool IsWithin(string path, string folder) =>
        PathComparer.Equals(path, folder)
        || (path.Length > folder.Length && path.StartsWith(folder, PathComparison) && (path[folder.Length] == Path.DirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar)));

    /// <summary>
    /// The path with every link in it resolved (realpath(3) for .NET), or null for a broken link or a
    /// loop of links.
    /// </summary>
    private static string? RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            return null;
        }
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(next);
            try
            {
                if (info.LinkTarget is not null)
                {
                    // The link's own folder is already real here, so its target's ".." is resolved right.
                    var target = info.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null || !target.Exists && !Directory.Exists(target.FullName))
                    {
                        return null;
                    }
                    next = RealPath(target.FullName, depth + 1);
                    if (next is null)
                    {
                        return null;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            current = next;
        }
        return current;
    }

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    private static StringComparison PathComparison => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static StringComparer PathComparer => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
}
