using System.Diagnostics;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// A pack of short decoded files through one worker (<see cref="ShortClipMode.Pack"/>): one
/// transcription of the packed buffer, then each file finished as its own, exactly as
/// <see cref="FileTranscription"/> finishes a file transcribed alone. A file that fails to write
/// fails alone; a failed transcription fails every file of the pack with the same reason.
/// </summary>
internal static class PackedTranscription
{
    /// <summary>One file of a pack: its plan, decoded length and decode time, and what it holds of the decode budget until the pack is done.</summary>
    public sealed record Entry(OutputPlan Plan, TimeSpan Length, TimeSpan DecodeTime, IDisposable? Budget = null);

    /// <summary>
    /// Transcribes the pack once and returns each file's result, in the pack's order. Each file's
    /// model time is its share of the pack's, by length; its elapsed time adds its own decode.
    /// </summary>
    public static async Task<IReadOnlyList<FileResult>> RunAsync(WorkerActivity worker, ITranscriptionModel model, ITranscriber transcriber,
        ClipPack<Entry> pack, string modelName, bool force, CancellationToken token, SubtitleLayoutOptions? layout = null, string? shard = null)
    {
        var started = Stopwatch.GetTimestamp();
        RecognitionResult recognized;
        try
        {
            recognized = await transcriber.TranscribeAsync(pack.BuildSamples(), worker, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            var modelTimeSpent = Stopwatch.GetElapsedTime(started);
            return pack.Clips.Select(c => FileTranscription.Failed(c.Item.Plan.Input.FilePath,
                e as YtPipeException ?? new TranscriptionFailedException(c.Item.Plan.Input.FilePath, e.Message, e),
                modelName, c.Item.Length, c.Item.DecodeTime + Share(modelTimeSpent, c, pack), worker.Slot.Index, model.Device,
                Share(modelTimeSpent, c, pack))).ToList();
        }
        var modelTime = Stopwatch.GetElapsedTime(started);
        var perClip = pack.Split(recognized);
        var results = new List<FileResult>(pack.Clips.Count);
        for (var i = 0; i < pack.Clips.Count; i++)
        {
            var clip = pack.Clips[i];
            var share = Share(modelTime, clip, pack);
            var finishing = Stopwatch.GetTimestamp();
            TimeSpan Elapsed() => clip.Item.DecodeTime + share + Stopwatch.GetElapsedTime(finishing);
            results.Add(FileTranscription.Finish(worker, model, clip.Item.Plan, perClip[i], clip.Item.Length, Elapsed, share,
                modelName, force, layout, shard));
        }
        return results;
    }

    private static TimeSpan Share(TimeSpan total, PackedClip<Entry> clip, ClipPack<Entry> pack)
    {
        var samples = pack.Clips.Sum(c => (long)c.Length);
        return samples == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(total.Ticks * clip.Length / samples);
    }
}
