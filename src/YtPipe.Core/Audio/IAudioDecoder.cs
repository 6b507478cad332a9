namespace YtPipe.Core.Audio;

/// <summary>Turns a media file into whisper's input.</summary>
public interface IAudioDecoder
{
    /// <summary>Decodes the first audio stream of <paramref name="path"/> to 16 kHz mono floats.</summary>
    /// <param name="path">The media file.</param>
    /// <param name="expectedLength">The probed length (zero when unknown): the samples are decoded into
    /// one array of this size, grown or cut when the file holds more or less.</param>
    /// <param name="cancellationToken">Stops the decoder.</param>
    /// <exception cref="Errors.AudioDecodeException">The file is empty, not media, or corrupt.</exception>
    Task<AudioClip> DecodeAsync(string path, TimeSpan expectedLength, CancellationToken cancellationToken);

    /// <summary>The declared length of the audio, read from the container without decoding it.</summary>
    /// <exception cref="Errors.AudioDecodeException">The file is empty, not media, or has no audio stream.</exception>
    Task<TimeSpan> ProbeDurationAsync(string path, CancellationToken cancellationToken);
}
