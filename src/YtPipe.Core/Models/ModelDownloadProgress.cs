namespace YtPipe.Core.Models;

/// <summary>How far a model download is.</summary>
/// <param name="Name">The model.</param>
/// <param name="Bytes">Bytes on disk so far (a resumed part included).</param>
/// <param name="Total">The whole size, when the server says it.</param>
/// <param name="BytesPerSecond">The rate of this session's transfer.</param>
public sealed record ModelDownloadProgress(string Name, long Bytes, long? Total, double BytesPerSecond)
{
    /// <summary>Time left at the current rate, when it can be told.</summary>
    public TimeSpan? Remaining => Total is { } t && BytesPerSecond > 0 && t >= Bytes ? TimeSpan.FromSeconds((t - Bytes) / BytesPerSecond) : null;
}
