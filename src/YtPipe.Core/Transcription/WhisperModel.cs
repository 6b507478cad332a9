using Whisper.net;

namespace YtPipe.Core.Transcription;

/// <summary>A loaded whisper model; creates one processor per worker.</summary>
internal sealed class WhisperModel(WhisperFactory factory, TranscriptionOptions options, string device, string computeType)
    : ITranscriptionModel
{
    public string Device => device;

    public string ComputeType => computeType;

    public ITranscriber CreateTranscriber(int threads) => new WhisperTranscriber(factory, options, threads);

    public void Dispose() => factory.Dispose();
}
