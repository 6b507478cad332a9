using System.Runtime.InteropServices;

namespace YtPipe.Tests.Transcription;

/// <summary>A fact about glibc's allocator (Linux with glibc: mallopt); skipped elsewhere.</summary>
public sealed class GlibcFactAttribute : FactAttribute
{
    public GlibcFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc) || !NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _))
        {
            Skip = "needs glibc";
        }
    }
}
