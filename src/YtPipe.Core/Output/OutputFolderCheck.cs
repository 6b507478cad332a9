using System.Runtime.InteropServices;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Output;

/// <summary>
/// Finds out, before a file is queued, whether its transcript folder can be created and written,
/// so that a file where a folder should be, a read-only folder or a full disk is reported at once
/// instead of after minutes of transcription. Creates nothing: a missing folder is judged by the
/// nearest folder above it that exists (as -WhatIf needs). Each folder is checked once per run.
/// </summary>
internal sealed class OutputFolderCheck
{
    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private readonly Dictionary<string, YtPipeException?> verdicts = new(PathComparer);

    /// <summary>Throws when transcripts cannot be written into <paramref name="folder"/>.</summary>
    /// <exception cref="OutputFolderNotWritableException">A file stands where the folder (or one above it) should be, or the folder refuses writes.</exception>
    /// <exception cref="DiskFullException">The disk of the folder is full.</exception>
    public void Check(string folder)
    {
        folder = Path.GetFullPath(folder);
        if (!verdicts.TryGetValue(folder, out var error))
        {
            error = Examine(folder);
            verdicts[folder] = error;
        }
        if (error is not null) throw error;
    }

    private static YtPipeException? Examine(string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return new OutputFolderNotWritableException(folder, $"'{existing}' is a file, not a folder.")
                {
                    Fix = $"Move the file '{existing}' away, or choose another {HostWording.Option("OutputDirectory")}.",
                };
            }
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) break;
            existing = parent;
        }
        return Probe(folder, existing);
    }

    // One byte, flushed to disk, in a file deleted on close: what a transcript needs, and no trace.
    private static YtPipeException? Probe(string folder, string existing)
    {
        try
        {
            using var probe = new FileStream(TempFileName.For(Path.Combine(existing, "ytpipe-probe")), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);
            probe.WriteByte(0);
            probe.Flush(flushToDisk: true);
            return null;
        }
        catch (IOException e) when (DiskFullException.IsDiskFull(e))
        {
            return new DiskFullException(folder, e) { Fix = $"Free some disk space, or choose another {HostWording.Option("OutputDirectory")}, and run the command again." };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new OutputFolderNotWritableException(folder, e.Message, e) { Fix = $"Make the folder writable, or choose another {HostWording.Option("OutputDirectory")}." };
        }
    }
}
