using System.Diagnostics;
using YtPipe.Core.Audio;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// One decoded file through one worker: whisper.cpp, the transcript, its files (atomically), and
/// the result, a failure included. The executor (<see cref="TranscriptionBatch"/>) decides what
/// runs where; this decides what a file's run makes.
/// </summary>
internal static class FileTranscription
{
    /// <summary>
    /// Transcribes the clip and writes the transcripts the plan asks for. The decode time counts in
    /// the file's elapsed time; its wait for a worker does not.
    /// </summary>
    public static async Task<FileResult> RunAsync(WorkerActivity worker, ITranscriptionModel model, ITranscriber transcriber,
        OutputPlan plan, AudioClip clip, TimeSpan decodeTime, string modelName, bool force, CancellationToken token, SubtitleLayoutOptions? layout = null,
        string? shard = null)
    {
        var input = plan.Input;
        var length = clip.Duration;
        var started = Stopwatch.GetTimestamp();
        TimeSpan Elapsed() => decodeTime + Stopwatch.GetElapsedTime(started);
        var modelTime = TimeSpan.Zero;
        RecognitionResult recognized;
        try
        {
            try
            {
                recognized = await transcriber.TranscribeAsync(clip.Samples, worker, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not YtPipeException && (e is not OperationCanceledException || !token.IsCancellationRequested))
            {
                throw new TranscriptionFailedException(input.FilePath, e.Message, e);
            }
            modelTime = Stopwatch.GetElapsedTime(started);
        }
        catch (YtPipeException e)
        {
            return Failed(input.FilePath, e, modelName, length, Elapsed(), worker.Slot.Index, model.Device, modelTime);
        }
        return Finish(worker, model, plan, recognized, length, Elapsed, modelTime, modelName, force, layout, shard);
    }

    /// <summary>
    /// The transcript of what the model heard in a file, its files (atomically) and its result, a
    /// failure to write included. <paramref name="elapsed"/> is read when the file is done.
    /// </summary>
    public static FileResult Finish(WorkerActivity worker, ITranscriptionModel model, OutputPlan plan, RecognitionResult recognized,
        TimeSpan length, Func<TimeSpan> elapsed, TimeSpan modelTime, string modelName, bool force, SubtitleLayoutOptions? layout, string? shard)
    {
        var input = plan.Input;
        try
        {
            var transcript = TranscriptBuilder.Build(input.FilePath, input.Source, recognized, model, modelName, length)
                with { Shard = shard, Elapsed = elapsed() };
            var written = TranscriptFiles.Write(plan.Paths, plan.ToWrite, transcript, force, layout);
            return new FileResult
            {
                InputPath = input.FilePath,
                // Another process landed every transcript first: complete files, so a skip.
                Status = written.Count > 0 ? FileStatus.Transcribed : FileStatus.Skipped,
                SkipReason = written.Count > 0 ? null : "another process wrote its transcripts meanwhile",
                Transcript = transcript,
                // Formats that were already there (a run cut short earlier) are outputs of this file too.
                OutputFiles = plan.ExistingFiles(),
                Duration = length,
                Elapsed = elapsed(),
                ModelTime = modelTime,
                Device = model.Device,
                Model = modelName,
                Worker = worker.Slot.Index,
            };
        }
        catch (YtPipeException e)
        {
            return Failed(input.FilePath, e, modelName, length, elapsed(), worker.Slot.Index, model.Device, modelTime);
        }
    }

    /// <summary>The result of a file that failed at any stage.</summary>
    public static FileResult Failed(string inputPath, YtPipeException error, string modelName, TimeSpan? length, TimeSpan elapsed,
        int? worker = null, string? device = null, TimeSpan modelTime = default) => new()
        {
            InputPath = inputPath,
            Status = FileStatus.Failed,
            Error = error,
            Duration = length,
            Elapsed = elapsed,
            ModelTime = modelTime,
            Device = device,
            Model = modelName,
            Worker = worker,
        };

    /// <summary>The result of a file that needs no work: its transcripts exist, or another process has it.</summary>
    public static FileResult Skipped(OutputPlan plan, string modelName, string? reason = null) => new()
    {
        InputPath = plan.Input.FilePath,
        Status = FileStatus.Skipped,
        SkipReason = reason,
        OutputFiles = plan.ExistingFiles(),
        Model = modelName,
    };
}
