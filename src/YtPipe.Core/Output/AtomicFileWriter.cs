using System.Text;

namespace YtPipe.Core.Output;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one, never a part:
/// the content goes to a hidden temporary file in the same folder (same volume, so the rename is
/// atomic), is flushed to disk, then renamed over the target. A crash, a kill or Ctrl+C leaves at
/// worst a <c>.ytpipe-tmp</c> file that nothing takes for a transcript, named after its writer
/// (<see cref="TempFileName"/>) so that a later run can remove it.
/// </summary>
internal static class AtomicFileWriter
{
    /// <summary>The suffix of in-flight temporary files.</summary>
    public const string TempSuffix = TempFileName.Suffix;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes text produced by <paramref name="write"/> to <paramref name="path"/> as UTF-8.</summary>
    /// <param name="path">The final path.</param>
    /// <param name="write">Writes the content; if it throws, the target is left as it was.</param>
    /// <param name="overwrite">Whether an existing file at <paramref name="path"/> may be replaced.</param>
    public static void WriteText(string path, Action<TextWriter> write, bool overwrite = true)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = TempFileName.For(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var text = new StreamWriter(stream, Utf8NoBom))
            {
                write(text);
                text.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
