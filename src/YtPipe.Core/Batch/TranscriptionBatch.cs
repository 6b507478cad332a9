using System.Diagnostics;
using System.Threading.Channels;
using YtPipe.Core.Audio;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Reporting;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// Runs one batch: the executor every strategy's <see cref="WorkerPlan"/> runs on.
/// <para>
/// Stages: <see cref="Submit"/> (the host's thread) → probe (audio length, fails bad files early)
/// → one shared queue, longest first → decoders (ffmpeg, ahead of the model once every submitted
/// file is probed: <see cref="DispatchGate"/>) → workers, each with
/// its own transcriber over one model per device → atomic writes → <see cref="Events"/>.
/// Workers never talk to the host directly: they post events, which the host reads on its own thread.
/// A failing file fails alone; a model that cannot load ends the batch.
/// </para>
/// </summary>
public sealed class TranscriptionBatch : IAsyncDisposable
{
    private readonly BatchOptions options;
    private readonly TranscriptionOptions transcription;
    private readonly IAudioDecoder decoder;
    private readonly OutputPlanner planner;
    private readonly OutputClaims claims = new();
    private readonly CancellationTokenSource cts;
    private readonly Channel<OutputPlan> toProbe = Channel.CreateUnbounded<OutputPlan>(new() { SingleReader = true, SingleWriter = true });
    private readonly PendingQueue<WorkItem> pending = new();
    private readonly DispatchGate dispatch = new();
    private readonly Channel<DecodedJob> decoded = Channel.CreateBounded<DecodedJob>(1);
    // Short decoded files wait here for a full window (or the end of the input) with -ShortClip Pack.
    private readonly ClipPacker<PackedTranscription.Entry>? packer;
    private readonly Channel<BatchEvent> events = Channel.CreateUnbounded<BatchEvent>(new() { SingleReader = true });
    private readonly ModelCache models;
    private readonly BatchProgressTracker progress;
    private readonly int decoderCount;
    private readonly DecodeBudget decodeBudget;
    private int decodersDone;
    private Exception? fatal;

    /// <summary>Starts the workers; they wait for work and load no model until a file needs one.</summary>
    public TranscriptionBatch(BatchOptions options, TranscriptionOptions transcription, WorkerPlan plan,
        ITranscriptionEngine engine, IAudioDecoder decoder, CancellationToken cancellationToken = default)
    {
        if (plan.Workers.Count == 0) throw new ArgumentException("A plan needs at least one worker.", nameof(plan));
        this.options = options;
        this.transcription = transcription;
        this.decoder = decoder;
        planner = new OutputPlanner(options.OutputDirectory, options.Formats, options.Force);
        cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        models = new ModelCache(engine, transcription, Post);
        progress = new BatchProgressTracker(plan.Workers);
        var token = cts.Token;
        // One ffmpeg decodes at ~300x real time, far ahead of any model; two cover many GPU workers.
        decoderCount = Math.Clamp(plan.Workers.Count, 1, 2);
        decodeBudget = DecodeBudget.ForWorkers(plan.Workers.Count);
        packer = transcription.ShortClip == ShortClipMode.Pack ? new ClipPacker<PackedTranscription.Entry>() : null;
        // Before any whisper.cpp run: its per-run buffers then live in mappings that go back when freed.
        NativeHeap.KeepLargeBlocksMapped();
        var prober = Task.Run(() => ProbeLoopAsync(token));
        var decoders = Enumerable.Range(0, decoderCount).Select(_ => Task.Run(() => DecodeLoopAsync(token))).ToArray();
        var running = progress.Workers.Select(w => Task.Run(() => WorkLoopAsync(w, token))).ToArray();
        Completion = RunAsync(prober, decoders, running);
    }

    /// <summary>What the batch tells its host; completes when the batch is over.</summary>
    public ChannelReader<BatchEvent> Events => events.Reader;

    /// <summary>Completes when every worker has stopped; faults when a model could not be loaded.</summary>
    public Task Completion { get; }

    /// <summary>Whether the batch was cancelled before it finished.</summary>
    public bool IsCancelled => cts.IsCancellationRequested;

    /// <summary>Decides where <paramref name="input"/>'s transcripts go; null for a file already in this batch.</summary>
    /// <exception cref="OutputCollisionException">Another input already writes one of its transcript paths.</exception>
    public OutputPlan? Plan(TranscriptionInput input) => planner.Plan(input);

    /// <summary>
    /// Queues a planned file. A file whose transcripts all exist is reported as skipped at once,
    /// before any model is loaded.
    /// </summary>
    /// <exception cref="YtPipeException">The batch has ended on a failure (e.g. the model could not load): that failure.</exception>
    /// <exception cref="InvalidOperationException">The batch was completed or cancelled and takes no more files.</exception>
    public void Submit(OutputPlan outputPlan)
    {
        // A dead batch would queue files that no worker will ever take: say why it is dead instead.
        ThrowIfFailed();
        if (outputPlan.IsDone)
        {
            Post(new FileCompletedEvent(FileTranscription.Skipped(outputPlan, transcription.ModelName) with { Shard = options.Shard?.ToString() }));
            return;
        }
        progress.FileQueued();
        dispatch.Submitted();
        if (!toProbe.Writer.TryWrite(outputPlan))
        {
            dispatch.Probed();
            throw new InvalidOperationException("The batch no longer takes files.");
        }
    }

    /// <summary>The failure that ended the batch, if one did (a model that could not load, a worker that crashed).</summary>
    public Exception? Failure => Volatile.Read(ref fatal);

    /// <summary>Rethrows <see cref="Failure"/>, if there is one.</summary>
    public void ThrowIfFailed()
    {
        if (Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>No more files will come; the batch ends when the queued ones are done.</summary>
    public void Complete() => toProbe.Writer.TryComplete();

    /// <summary>Stops every stage: ffmpeg is asked to quit, whisper stops at its next check.</summary>
    public void Cancel() => cts.Cancel();

    /// <summary>A consistent snapshot of the progress.</summary>
    public BatchProgress GetProgress() => progress.Snapshot();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Complete();
        cts.Cancel();
        try { await Completion.ConfigureAwait(false); }
        catch (Exception) { /* already reported through Completion */ }
        cts.Dispose();
    }

    private async Task RunAsync(Task prober, Task[] decoders, Task[] running)
    {
        var all = running.Concat(decoders).Append(prober).ToArray();
        try
        {
            await Task.WhenAll(all).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Looked at below, task by task: cancellations are expected, a fatal error is not.
        }
        finally
        {
            var unexpected = all.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (unexpected is not null)
            {
                Interlocked.CompareExchange(ref fatal, unexpected, null);
            }
            models.Dispose();
            claims.Dispose();
            // Last: whoever sees the events end can rely on Failure being final.
            events.Writer.TryComplete();
        }
        ThrowIfFailed();
    }

    private async Task ProbeLoopAsync(CancellationToken token)
    {
        try
        {
            await foreach (var item in toProbe.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                TimeSpan length;
                try
                {
                    length = await decoder.ProbeDurationAsync(item.Input.FilePath, token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    var error = e as YtPipeException ?? new AudioDecodeException(item.Input.FilePath, e.Message, e);
                    Fail(item, error, null, TimeSpan.Zero);
                    dispatch.Probed();
                    continue;
                }
                progress.AudioProbed(length);
                pending.Add(new WorkItem(item, length), length);
                dispatch.Probed();
            }
        }
        finally
        {
            pending.Complete();
        }
    }

    private async Task DecodeLoopAsync(CancellationToken token)
    {
        try
        {
            while (true)
            {
                await dispatch.EnterAsync(token).ConfigureAwait(false);
                var (ok, item) = await pending.TakeAsync(token).ConfigureAwait(false);
                if (!ok)
                {
                    dispatch.Dropped();
                    break;
                }
                if (!TryClaim(item))
                {
                    dispatch.Dropped();
                    continue;
                }
                // Held until a worker is done with the samples (or the decode fails).
                var lease = await decodeBudget.AcquireAsync(DecodeBudget.BytesFor(item.DeclaredLength), token).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                AudioClip clip;
                try
                {
                    clip = await decoder.DecodeAsync(item.Plan.Input.FilePath, item.DeclaredLength, token).ConfigureAwait(false);
                    lease.Resize((long)clip.Samples.Length * sizeof(float));
                    CheckNotTruncated(item, clip);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    lease.Dispose();
                    dispatch.Dropped();
                    var error = e as YtPipeException ?? new AudioDecodeException(item.Plan.Input.FilePath, e.Message, e);
                    Fail(item.Plan, error, item.DeclaredLength, Stopwatch.GetElapsedTime(started));
                    continue;
                }
                catch
                {
                    lease.Dispose();
                    throw;
                }
                if (packer is not null && ClipPacker<PackedTranscription.Entry>.IsPackable(clip.Samples.Length))
                {
                    var entry = new PackedTranscription.Entry(item.Plan, clip.Duration, Stopwatch.GetElapsedTime(started), lease);
                    if (packer.Add(entry, clip.Samples) is { } full) await SendPackAsync(full, token).ConfigureAwait(false);
                    continue;
                }
                await decoded.Writer.WriteAsync(new DecodedItem(item, clip, Stopwatch.GetElapsedTime(started), lease), token).ConfigureAwait(false);
            }
        }
        finally
        {
            if (Interlocked.Increment(ref decodersDone) == decoderCount)
            {
                try
                {
                    // The input has ended: the last pack goes however full it is.
                    if (packer?.Flush() is { } rest)
                    {
                        if (token.IsCancellationRequested) DisposeBudgets(rest);
                        else await SendPackAsync(rest, token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    decoded.Writer.TryComplete();
                }
            }
        }
    }

    // Every file of the pack was counted on its way to a worker, but one job reaches one worker.
    private async Task SendPackAsync(ClipPack<PackedTranscription.Entry> pack, CancellationToken token)
    {
        for (var i = 1; i < pack.Clips.Count; i++) dispatch.Dropped();
        try
        {
            await decoded.Writer.WriteAsync(new PackJob(pack), token).ConfigureAwait(false);
        }
        catch
        {
            DisposeBudgets(pack);
            throw;
        }
    }

    private static void DisposeBudgets(ClipPack<PackedTranscription.Entry> pack)
    {
        foreach (var clip in pack.Clips) clip.Item.Budget?.Dispose();
    }

    // ffmpeg decodes what it can of a cut-off file and exits 0; the container still declares the
    // full length, so a large shortfall means the file is truncated.
    private static void CheckNotTruncated(WorkItem item, AudioClip clip)
    {
        var declared = item.DeclaredLength;
        var tolerance = TimeSpan.FromSeconds(Math.Max(1.0, declared.TotalSeconds * 0.02));
        if (declared > TimeSpan.Zero && declared - clip.Duration > tolerance)
        {
            throw new AudioDecodeException(item.Plan.Input.FilePath,
                $"the file is truncated: it declares {declared.TotalSeconds:0.0} s of audio but only {clip.Duration.TotalSeconds:0.0} s could be decoded");
        }
    }

    private async Task WorkLoopAsync(WorkerActivity worker, CancellationToken token)
    {
        ITranscriber? transcriber = null;
        try
        {
            while (await NextDecodedAsync(token).ConfigureAwait(false) is { } item)
            {
                progress.StartClock();
                var model = models.Get(worker.Slot.Device);
                transcriber ??= model.CreateTranscriber(worker.Slot.Threads);
                if (item is PackJob pack)
                {
                    await TranscribePackAsync(worker, model, transcriber, pack.Pack, token).ConfigureAwait(false);
                }
                else
                {
                    await TranscribeOneAsync(worker, model, transcriber, (DecodedItem)item, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A model that cannot load (or any failure outside one file's work) ends the batch: a
            // worker that just vanished would leave the decoders blocked on a channel nobody reads.
            Interlocked.CompareExchange(ref fatal, e, null);
            toProbe.Writer.TryComplete();
            cts.Cancel();
        }
        finally
        {
            worker.Clear();
            if (transcriber is not null) await transcriber.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Tells the dispatch gate while this worker waits: a waiting worker lets a decoder take a file
    // before the queue's order is complete.
    private async Task<DecodedJob?> NextDecodedAsync(CancellationToken token)
    {
        dispatch.WorkerWaiting();
        var received = false;
        try
        {
            while (await decoded.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                if (decoded.Reader.TryRead(out var item))
                {
                    received = true;
                    return item;
                }
            }
            return null;
        }
        finally
        {
            dispatch.WorkerReceived(received);
        }
    }

    private async Task TranscribeOneAsync(WorkerActivity worker, ITranscriptionModel model, ITranscriber transcriber, DecodedItem item, CancellationToken token)
    {
        worker.Begin(item.Work.Plan.Input.FilePath, item.Clip.Duration);
        try
        {
            var result = await FileTranscription.RunAsync(worker, model, transcriber, item.Work.Plan, item.Clip, item.DecodeTime,
                transcription.ModelName, options.Force, token, options.SubtitleLayout, options.Shard?.ToString()).ConfigureAwait(false);
            Completed(item.Work.Plan, item.Clip.Duration, result);
        }
        finally
        {
            worker.Clear();
            item.Budget.Dispose();
            NativeHeap.Trim();
        }
    }

    private async Task TranscribePackAsync(WorkerActivity worker, ITranscriptionModel model, ITranscriber transcriber,
        ClipPack<PackedTranscription.Entry> pack, CancellationToken token)
    {
        worker.Begin(pack.Clips[0].Item.Plan.Input.FilePath, Vad.SpeechRegion.TimeOf(pack.TotalSamples));
        try
        {
            var results = await PackedTranscription.RunAsync(worker, model, transcriber, pack, transcription.ModelName, options.Force, token,
                options.SubtitleLayout, options.Shard?.ToString()).ConfigureAwait(false);
            for (var i = 0; i < results.Count; i++)
            {
                Completed(pack.Clips[i].Item.Plan, pack.Clips[i].Item.Length, results[i]);
            }
        }
        finally
        {
            worker.Clear();
            DisposeBudgets(pack);
            NativeHeap.Trim();
        }
    }

    // Taken just before the decode, not at Submit, so that two processes over one folder share the files as they go.
    private bool TryClaim(WorkItem item)
    {
        try
        {
            if (claims.TryTake(item.Plan, options.Force) is not { } skipReason) return true;
            Completed(item.Plan, item.DeclaredLength, FileTranscription.Skipped(item.Plan, transcription.ModelName, skipReason));
        }
        catch (YtPipeException e)
        {
            Fail(item.Plan, e, item.DeclaredLength, TimeSpan.Zero);
        }
        return false;
    }

    private void Fail(OutputPlan outputPlan, YtPipeException error, TimeSpan? length, TimeSpan elapsed) =>
        Completed(outputPlan, length ?? TimeSpan.Zero, FileTranscription.Failed(outputPlan.Input.FilePath, error, transcription.ModelName, length, elapsed));

    private void Completed(OutputPlan outputPlan, TimeSpan length, FileResult result)
    {
        if (options.Shard is not null) result = result with { Shard = options.Shard.ToString() };
        // Under the claim, so the record and the transcripts it describes have one writer.
        RunRecords.Update(outputPlan, result, options.Formats, Post);
        claims.Release(result.InputPath);
        progress.FileDone(length);
        Post(new FileCompletedEvent(result));
    }

    private void Post(BatchEvent e) => events.Writer.TryWrite(e);

    private sealed record WorkItem(OutputPlan Plan, TimeSpan DeclaredLength);

    /// <summary>What a worker takes next: one decoded file, or a pack of short ones.</summary>
    private abstract record DecodedJob;

    /// <summary>A decoded file waiting for a worker; the wait is not the file's time, so only the decode is carried.</summary>
    private sealed record DecodedItem(WorkItem Work, AudioClip Clip, TimeSpan DecodeTime, DecodeBudget.Lease Budget) : DecodedJob;

    /// <summary>Short decoded files to be transcribed as one window.</summary>
    private sealed record PackJob(ClipPack<PackedTranscription.Entry> Pack) : DecodedJob;
}
