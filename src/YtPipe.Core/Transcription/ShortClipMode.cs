namespace YtPipe.Core.Transcription;

/// <summary>
/// How a file far shorter than Whisper's 30 s window is encoded. whisper.cpp pads every window
/// to 30 s and encodes all of it, so a 3 s clip costs as much as a 30 s one.
/// </summary>
public enum ShortClipMode
{
    /// <summary>Every window is encoded at its full 30 s, as Whisper was trained.</summary>
    Off,

    /// <summary>
    /// A clip shorter than the window gets an audio context sized to it, with a margin (whisper.cpp's
    /// <c>audio_ctx</c>, the CLI's <c>-ac</c>): the encoder's cost falls with it. Whisper never saw a
    /// reduced context in training; its accuracy there is unmeasured here (bench/Measure-Accuracy.ps1 measures it).
    /// </summary>
    AudioContext,
}
