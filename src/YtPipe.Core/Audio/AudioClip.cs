namespace YtPipe.Core.Audio;

/// <summary>Decoded audio: 16 kHz mono 32-bit float samples, what whisper.cpp takes.</summary>
public sealed class AudioClip(float[] samples)
{
    /// <summary>Whisper's sample rate.</summary>
    public const int SampleRate = 16_000;

    /// <summary>The samples.</summary>
    public float[] Samples { get; } = samples;

    /// <summary>Length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);
}
