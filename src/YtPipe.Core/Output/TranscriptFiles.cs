using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Output;

/// <summary>Lands one transcript in each requested format, atomically, and says which it wrote.</summary>
internal static class TranscriptFiles
{
    /// <summary>
    /// Writes <paramref name="transcript"/> to the path of each of <paramref name="formats"/>.
    /// Without <paramref name="overwrite"/>, a transcript that another process landed first is left
    /// as it is: it is complete (every writer renames whole files into place), so that is no failure.
    /// SRT and VTT are laid out by <paramref name="layout"/> (null: the defaults).
    /// </summary>
    /// <returns>The paths this call wrote.</returns>
    /// <exception cref="DiskFullException">The disk filled up; no temporary file is left.</exception>
    /// <exception cref="OutputWriteException">A transcript could not be written; no temporary file is left.</exception>
    public static IReadOnlyList<string> Write(IReadOnlyDictionary<OutputFormat, string> paths, IEnumerable<OutputFormat> formats,
        Transcript transcript, bool overwrite, SubtitleLayoutOptions? layout = null)
    {
        var written = new List<string>();
        foreach (var format in formats)
        {
            var path = paths[format];
            try
            {
                var writer = TranscriptWriters.For(format, layout);
                AtomicFileWriter.WriteText(path, w => writer.Write(transcript, w), overwrite);
                written.Add(path);
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                // Lost the rename to another process over the same folder.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw ErrorFor(path, e);
            }
        }
        return written;
    }

    /// <summary>The error a failed transcript write is reported as: <see cref="DiskFullException"/> for a full disk.</summary>
    public static YtPipeException ErrorFor(string path, Exception e) =>
        e is IOException io && DiskFullException.IsDiskFull(io)
            ? new DiskFullException(path, e) { Fix = "Free some disk space and run the command again: finished transcripts are skipped." }
            : new OutputWriteException(path, e);
}
