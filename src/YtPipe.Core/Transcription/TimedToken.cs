namespace YtPipe.Core.Transcription;

/// <summary>One of whisper.cpp's tokens with its text as decoded (a leading space starts a word) and its time span.</summary>
/// <param name="Text">The token's text, with its leading space when it has one.</param>
/// <param name="Start">Where the token starts, from the start of the file.</param>
/// <param name="End">Where the token ends.</param>
/// <param name="Probability">The token's probability (0..1).</param>
internal readonly record struct TimedToken(string Text, TimeSpan Start, TimeSpan End, float Probability);
