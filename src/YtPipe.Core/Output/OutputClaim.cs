using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace YtPipe.Core.Output;

/// <summary>
/// One process's hold on one input's transcripts, so that two live processes over one folder (a
/// rerun started while the first still runs, two shards) never transcribe the same file at once.
/// <para>
/// The claim is a hidden file beside the transcripts, <c>.{stem}.ytpipe-claim</c>, opened with
/// <see cref="FileShare.None"/>. On Unix .NET takes an advisory <c>flock</c> for that (measured on
/// Linux: a second open, from another process or from this one, fails with EWOULDBLOCK; the lock
/// shows in /proc/locks as FLOCK ADVISORY WRITE); on Windows it is a share lock. The operating
/// system drops the lock when its owner dies (kill -9, a requeued job), so a dead owner's claim is
/// taken over with no heartbeat. Setting <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING=1</c> turns .NET's
/// flock off and with it this protection; landing still never fails because of it (see
/// <see cref="TranscriptFiles"/>). The file says who holds it, for humans, and is deleted, then
/// closed, when the work is done.
/// </para>
/// </summary>
internal sealed class OutputClaim : IDisposable
{
    /// <summary>The suffix of every claim file.</summary>
    public const string Suffix = ".ytpipe-claim";

    private static readonly int MaxNameBytes = FileNameShortener.MaxNameBytes - 1 - Suffix.Length;

    // Unix: the share mode becomes flock, and anything but None is a shared lock two claimers
    // could both hold. Windows: readers may look at the owner, and the owner may delete its file.
    private static readonly FileShare Share = OperatingSystem.IsWindows() ? FileShare.Read | FileShare.Delete : FileShare.None;

    private readonly FileStream stream;
    private bool disposed;

    private OutputClaim(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
    }

    /// <summary>The claim file.</summary>
    public string Path { get; }

    /// <summary>The claim file of the transcripts whose path (any format) is <paramref name="outputPath"/>.</summary>
    public static string PathFor(string outputPath)
    {
        var full = System.IO.Path.GetFullPath(outputPath);
        var stem = System.IO.Path.GetFileNameWithoutExtension(full);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{FileNameShortener.Shorten(stem, MaxNameBytes)}{Suffix}");
    }

    /// <summary>
    /// Takes the claim at <paramref name="claimPath"/> for <paramref name="inputPath"/>; null when
    /// a live process holds it, and <paramref name="holder"/> then says which, as far as it can tell.
    /// </summary>
    /// <exception cref="IOException">The claim file cannot be created (the folder is not writable).</exception>
    /// <exception cref="UnauthorizedAccessException">The claim file cannot be created.</exception>
    public static OutputClaim? TryTake(string claimPath, string inputPath, out string? holder)
    {
        holder = null;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(claimPath)!);
        // A releaser deletes its file, then unlocks; a taker that opened the file just before the
        // delete gets the lock on a file that is no longer there: it must look again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(claimPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, Share, bufferSize: 0);
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                holder = ReadHolder(claimPath);
                return null;
            }
            if (!IsStillAtItsPath(stream, claimPath))
            {
                stream.Dispose();
                continue;
            }
            var claim = new OutputClaim(claimPath, stream);
            claim.WriteOwner(inputPath);
            return claim;
        }
        holder = ReadHolder(claimPath);
        return null;
    }

    /// <summary>Deletes the claim file at <paramref name="claimPath"/> when no live process holds it (its owner died).</summary>
    public static void RemoveIfAbandoned(string claimPath)
    {
        try
        {
            using var stream = new FileStream(claimPath, FileMode.Open, FileAccess.ReadWrite, Share, bufferSize: 0);
            if (IsStillAtItsPath(stream, claimPath))
            {
                File.Delete(claimPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Held by a live owner, or already gone: either way not ours to remove.
        }
    }

    /// <summary>Deletes the claim file, then lets go of it (in that order, so nobody takes a file about to vanish).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try { File.Delete(Path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        stream.Dispose();
    }

    private void WriteOwner(string inputPath)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName} (started {ProcessStart():u}), since {DateTime.UtcNow:u}, for '{inputPath}'\n");
        try
        {
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush();
        }
        catch (IOException)
        {
            // The owner line is for humans; the lock is what counts, and it is held.
        }
    }

    private static DateTime ProcessStart()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.StartTime.ToUniversalTime();
    }

    // EWOULDBLOCK from flock (11 on Linux, 35 on macOS); a sharing or lock violation on Windows.
    private static bool IsHeldElsewhere(IOException e) => (e.HResult & 0xFFFF) is 11 or 35 or 32 or 33;

    // Linux names a deleted file's descriptor "path (deleted)"; elsewhere a missing path is all we can see.
    private static bool IsStillAtItsPath(FileStream stream, string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var target = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
            if (target is not null) return !target.EndsWith(" (deleted)", StringComparison.Ordinal);
        }
        return File.Exists(path);
    }

    // Every .NET open of a file another process holds with FileShare.None fails on Unix (it asks
    // for a shared flock), so the owner line is read with the C library's open, which takes no lock.
    private static string ReadHolder(string claimPath)
    {
        const string unknown = "another process";
        try
        {
            using var handle = OperatingSystem.IsWindows()
                ? File.OpenHandle(claimPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)
                : new SafeFileHandle(OpenWithoutLock(claimPath, 0), ownsHandle: true);
            if (handle.IsInvalid) return unknown;
            var buffer = new byte[1024];
            var read = RandomAccess.Read(handle, buffer, 0);
            var text = Encoding.UTF8.GetString(buffer, 0, read).Trim();
            return text.Length > 0 ? text : unknown;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return unknown;
        }
    }

    // O_RDONLY is 0 on Linux and macOS; -1 (failure) becomes an invalid handle.
    private static nint OpenWithoutLock(string path, int flags) => OpenWithoutLockNative(path, flags);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenWithoutLockNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
