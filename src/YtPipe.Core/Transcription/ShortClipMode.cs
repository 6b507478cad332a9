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

    /// <summary>
    /// Short clips of one batch (up to 10 s each) are laid end to end, with 1 s of silence between
    /// them, into windows of at most 30 s; each window is transcribed once, and its segments (and
    /// words) go back to their clips, on each clip's own timeline. A segment that straddles a
    /// boundary goes to the clip where most of it lies. Without a forced language, the clips of a
    /// pack share the language detected on the pack. Whisper was trained on single 30 s windows,
    /// one recording each; the accuracy of packed clips cannot be measured here without real
    /// weights (bench/Measure-Accuracy.ps1 measures it with a real model).
    /// </summary>
    Pack,
}
