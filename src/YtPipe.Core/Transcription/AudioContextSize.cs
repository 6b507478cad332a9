namespace YtPipe.Core.Transcription;

/// <summary>
/// The encoder context for a short clip, in whisper.cpp's encoder frames (<c>audio_ctx</c>: 1500
/// frames are the 30 s window, 50 a second).
/// </summary>
internal static class AudioContextSize
{
    /// <summary>The model's full window, in encoder frames.</summary>
    public const int Full = 1500;

    /// <summary>Encoder frames per second of audio.</summary>
    public const int FramesPerSecond = 50;

    // Sizes are rounded up to this step so that a batch of similar clips shares a few processors,
    // and the end of a clip is never cut (the encoder sees nothing past audio_ctx).
    private const int Step = 64;

    // Room after the last sample: whisper.cpp's mel frames straddle the cut, and the decoder
    // places the final timestamp there.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>The context for a clip of <paramref name="length"/>; <see cref="Full"/> when the clip fills (or spans) the window.</summary>
    public static int For(TimeSpan length)
    {
        if (length <= TimeSpan.Zero) return Step;
        var frames = (int)Math.Ceiling((length + Margin).TotalSeconds * FramesPerSecond);
        var rounded = (frames + Step - 1) / Step * Step;
        return rounded >= Full ? Full : rounded;
    }
}
