namespace YtPipe.Core.Vad;

/// <summary>
/// One chunk's progress (0..1 of the chunk, as whisper reports it) as the file's: the chunks
/// done so far plus this one's share, weighted by their lengths, so the bar moves evenly however
/// the speech is cut.
/// </summary>
internal sealed class ChunkProgress(IProgress<double> file, long doneBefore, long chunkLength, long total) : IProgress<double>
{
    /// <inheritdoc />
    public void Report(double value) => file.Report(Fraction(doneBefore, chunkLength, total, value));

    /// <summary>The file's fraction when a chunk of <paramref name="chunkLength"/> after <paramref name="doneBefore"/> samples of <paramref name="total"/> is <paramref name="chunkFraction"/> done.</summary>
    public static double Fraction(long doneBefore, long chunkLength, long total, double chunkFraction) =>
        total <= 0 ? 1.0 : Math.Clamp((doneBefore + chunkLength * Math.Clamp(chunkFraction, 0.0, 1.0)) / total, 0.0, 1.0);
}
