namespace YtPipe.Core.Vad;

/// <summary>What voice activity detection did to one file; null on a transcript when VAD was off.</summary>
/// <param name="Speech">How much audio the detector called speech, padding included.</param>
/// <param name="Skipped">How much audio never reached whisper (the file's length less the chunks').</param>
/// <param name="Chunks">How many chunks whisper transcribed; 0 when no speech was found.</param>
public sealed record VadSummary(TimeSpan Speech, TimeSpan Skipped, int Chunks);
