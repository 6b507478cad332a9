using System.Runtime.InteropServices;

namespace YtPipe.Core.Gpu;

/// <summary>
/// The C library's environment, which native code (the CUDA runtime, whisper.cpp) reads. On Linux
/// and macOS <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's
/// own copy, which native code never sees; <c>setenv</c> changes the real one.
/// </summary>
internal static class NativeEnvironment
{
    private static readonly bool IsUnix = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Sets <paramref name="name"/> for .NET and for native code.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="value">Its value.</param>
    /// <param name="overwrite">Whether to replace a value that is already set.</param>
    public static void Set(string name, string value, bool overwrite)
    {
        if (!overwrite && Get(name) is not null)
        {
            return;
        }
        Environment.SetEnvironmentVariable(name, value);
        if (IsUnix && SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Removes <paramref name="name"/> for .NET and for native code.</summary>
    public static void Unset(string name)
    {
        Environment.SetEnvironmentVariable(name, null);
        if (IsUnix) _ = UnsetEnv(name);
    }

    /// <summary>The value native code sees (on Windows, the process environment).</summary>
    public static string? Get(string name) =>
        IsUnix ? Marshal.PtrToStringUTF8(GetEnv(name)) : Environment.GetEnvironmentVariable(name);

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "unsetenv")]
    private static extern int UnsetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
