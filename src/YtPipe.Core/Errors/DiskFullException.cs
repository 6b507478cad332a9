namespace YtPipe.Core.Errors;

/// <summary>The disk filled up while writing; what was written is kept only where it can be resumed.</summary>
public sealed class DiskFullException(string path, Exception inner)
    : YtPipeException($"The disk is full: '{path}' could not be written.", path, inner)
{
    public override string ErrorId => ErrorIds.DiskFull;
    public override FailureKind Kind => FailureKind.WriteError;

    /// <summary>Whether <paramref name="e"/> says the disk is full (ENOSPC on Unix, ERROR_DISK_FULL/HANDLE_DISK_FULL on Windows).</summary>
    public static bool IsDiskFull(IOException e) => (e.HResult & 0xFFFF) is 28 or 0x70 or 0x27 || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);
}
