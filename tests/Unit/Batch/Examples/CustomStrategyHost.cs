using YtPipe.Core.Audio;
using YtPipe.Core.Batch;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Batch.Examples;

// The second example of docs/engine/custom-strategy.md: compiled here (it needs real media and a
// model to run), and compared line by line with the page by CustomStrategyDocTests.
internal static class CustomStrategyHost
{
    public static async Task RunAsync()
    {
// example:begin
var transcription = new TranscriptionOptions { ModelPath = "/models/ggml-base.en.bin", ModelName = "base.en", Language = "en" };
var plan = new ReserveCoresStrategy(reservedCores: 4).Plan(new StrategyContext());
await using var batch = new TranscriptionBatch(new BatchOptions { OutputDirectory = "/data/transcripts" },
    transcription, plan, new WhisperEngine(transcription), new FfmpegAudioDecoder(FfmpegTools.Locate()));

foreach (var input in InputExpander.Expand("/data/audio"))
{
    if (batch.Plan(input) is { } outputs) batch.Submit(outputs);
}
batch.Complete();
await foreach (var e in batch.Events.ReadAllAsync())
{
    if (e is FileCompletedEvent done) Console.WriteLine($"{done.Result.Status} {done.Result.InputPath}");
}
await batch.Completion;
// example:end
    }
}
