using YtPipe.Core.Transcription;

namespace YtPipe.Core.Vad;

/// <summary>Transcribes one slice of a file's samples, with times from the slice's start.</summary>
internal delegate Task<RecognitionResult> ChunkRecognizer(ReadOnlyMemory<float> samples, IProgress<double>? progress, CancellationToken cancellationToken);
