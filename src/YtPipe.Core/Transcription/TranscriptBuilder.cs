namespace YtPipe.Core.Transcription;

/// <summary>
/// Turns what whisper.cpp recognised in one file into the <see cref="Transcript"/> the writers
/// write: the source's metadata (from the download, or an info JSON beside the file), the model
/// and device that really did the work, segment times kept inside the audio, repetition loops
/// collapsed (<see cref="RepeatCollapser"/>) and the quality summary.
/// </summary>
internal static class TranscriptBuilder
{
    public static Transcript Build(string filePath, SourceInfo? knownSource, RecognitionResult recognized, ITranscriptionModel model, string modelName, TimeSpan length)
    {
        var source = knownSource ?? SourceInfoReader.TryRead(filePath);
        var (segments, repeats) = RepeatCollapser.Collapse(SegmentTimes.ClampTo(recognized.Segments, length));
        return new Transcript
        {
            SourcePath = filePath,
            VideoId = source?.Id ?? Path.GetFileNameWithoutExtension(filePath),
            SourceUrl = source?.WebpageUrl,
            Title = source?.Title,
            Uploader = source?.Uploader,
            UploadDate = source?.UploadDate,
            Model = modelName,
            Device = model.Device,
            ComputeType = model.ComputeType,
            Runtime = model.Runtime,
            Duration = length,
            Language = recognized.Language,
            Segments = segments,
            Quality = TranscriptQuality.Assess(segments, repeats, length),
            Vad = recognized.Vad,
        };
    }
}
