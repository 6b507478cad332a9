using System.Runtime.InteropServices;

namespace YtPipe.Tests.Transcription;

/// <summary>A fact about glibc's allocator (Linux with glibc 2.33 or later, which has mallinfo2); skipped elsewhere.</summary>
public sealed class GlibcFactAttribute : FactAttribute
{
    public GlibcFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc) || !NativeLibrary.TryGetExport(libc, "mallinfo2", out _))
        {
            Skip = "needs glibc 2.33+ (mallinfo2)";
        }
    }
}
