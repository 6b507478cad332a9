using YtPipe.Core.Transcription;

namespace YtPipe.Core.Vad;

/// <summary>
/// A file transcribed through voice activity detection: find the speech, cut it into chunks
/// (<see cref="SpeechChunker"/>), transcribe each slice of the samples in place (no copy), and
/// put every time back on the file's timeline (<see cref="ChunkTimeline"/>). whisper.cpp's own
/// VAD glued speech together and left times in the glued timeline before 1.9.2; slicing here keeps
/// times exact on the engine YtPipe ships. A file without speech is an empty transcript.
/// </summary>
internal static class VadTranscription
{
    public static async Task<RecognitionResult> TranscribeAsync(float[] samples, ISpeechDetector detector, VadOptions options,
        ChunkRecognizer recognize, string? forcedLanguage, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var detected = await detector.DetectAsync(samples, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var speech = SpeechChunker.Pad(detected, samples.Length, options.SpeechPad);
        var chunks = SpeechChunker.Chunk(speech, options.MaxChunk);
        var total = chunks.Sum(c => c.Length);
        var segments = new List<TranscriptSegment>();
        string? language = null;
        var done = 0L;
        foreach (var chunk in chunks)
        {
            var slice = new ReadOnlyMemory<float>(samples, (int)chunk.Start, (int)chunk.Length);
            var chunkProgress = progress is null ? null : new ChunkProgress(progress, done, chunk.Length, total);
            var result = await recognize(slice, chunkProgress, cancellationToken).ConfigureAwait(false);
            language ??= result.Language;
            segments.AddRange(ChunkTimeline.ToFile(result.Segments, chunk));
            done += chunk.Length;
        }
        progress?.Report(1.0);
        return new RecognitionResult(segments, language ?? forcedLanguage)
        {
            Vad = new VadSummary(
                SpeechRegion.TimeOf(speech.Sum(r => r.Length)),
                SpeechRegion.TimeOf(samples.Length - total),
                chunks.Count),
        };
    }
}
