using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using YtPipe.Core.Audio;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;

namespace YtPipe.Core.Batch;

/// <summary>
/// Runs one batch: the executor every strategy's <see cref="WorkerPlan"/> runs on.
/// <para>
/// Stages: <see cref="Submit"/> (the host's thread) → probe (audio length, fails bad files early)
/// → one shared queue, longest first → decoders (ffmpeg, ahead of the model) → workers, each with
/// its own transcriber over one model per device → atomic writes → <see cref="Events"/>.
/// Workers never talk to the host directly: they post events, which the host reads on its own thread.
/// A failing file fails alone; a model that cannot load ends the batch.
/// </para>
/// </summary>
public sealed class TranscriptionBatch : IAsyncDisposable
{
    private readonly BatchOptions options;
    private readonly TranscriptionOptions transcription;
    private readonly WorkerPlan plan;
    private readonly ITranscriptionEngine engine;
    private readonly IAudioDecoder decoder;
    private readonly OutputPlanner planner;
    private readonly OutputClaims claims = new();
    private readonly CancellationTokenSource cts;
    private readonly Channel<OutputPlan> toProbe = Channel.CreateUnbounded<OutputPlan>(new() { SingleReader = true, SingleWriter = true });
    private readonly PendingQueue<WorkItem> pending = new();
    private readonly Channel<DecodedItem> decoded = Channel.CreateBounded<DecodedItem>(1);
    private readonly Channel<BatchEvent> events = Channel.CreateUnbounded<BatchEvent>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<DeviceSpec, Lazy<ITranscriptionModel>> models = new();
    private readonly WorkerState[] workers;
    private readonly object progressGate = new();
    private readonly Stopwatch clock = new();
    private readonly int decoderCount;
    private int decodersDone;
    private Exception? fatal;
    private int filesTotal;
    private int filesDone;
    private TimeSpan audioTotal;
    private TimeSpan audioDone;

    /// <summary>Starts the workers; they wait for work and load no model until a file needs one.</summary>
    public TranscriptionBatch(BatchOptions options, TranscriptionOptions transcription, WorkerPlan plan,
        ITranscriptionEngine engine, IAudioDecoder decoder, CancellationToken cancellationToken = default)
    {
        if (plan.Workers.Count == 0) throw new ArgumentException("A plan needs at least one worker.", nameof(plan));
        this.options = options;
        this.transcription = transcription;
        this.plan = plan;
        this.engine = engine;
        this.decoder = decoder;
        planner = new OutputPlanner(options.OutputDirectory, options.Formats, options.Force);
        cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        workers = plan.Workers.Select(w => new WorkerState(w)).ToArray();
        var token = cts.Token;
        // One ffmpeg decodes at ~300x real time, far ahead of any model; two cover many GPU workers.
        decoderCount = Math.Clamp(plan.Workers.Count, 1, 2);
        var prober = Task.Run(() => ProbeLoopAsync(token));
        var decoders = Enumerable.Range(0, decoderCount).Select(_ => Task.Run(() => DecodeLoopAsync(token))).ToArray();
        var running = workers.Select(w => Task.Run(() => WorkLoopAsync(w, token))).ToArray();
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
            Post(new FileCompletedEvent(new FileResult
            {
                InputPath = outputPlan.Input.FilePath,
                Status = FileStatus.Skipped,
                OutputFiles = outputPlan.Paths.Values.ToList(),
                Model = transcription.ModelName,
            }));
            return;
        }
        lock (progressGate) filesTotal++;
        if (!toProbe.Writer.TryWrite(outputPlan))
        {
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
    public BatchProgress GetProgress()
    {
        lock (progressGate)
        {
            var inWork = TimeSpan.Zero;
            var perWorker = new List<WorkerProgress>(workers.Length);
            foreach (var w in workers)
            {
                var (file, length, fraction) = w.Snapshot();
                inWork += length * fraction;
                perWorker.Add(new WorkerProgress(w.Slot.Index, w.Slot.Device.ToString(), file, fraction));
            }
            var done = audioDone + inWork;
            var elapsed = clock.Elapsed;
            TimeSpan? remaining = null;
            if (done > TimeSpan.Zero && elapsed > TimeSpan.Zero && audioTotal > done)
            {
                remaining = TimeSpan.FromSeconds((audioTotal - done).TotalSeconds * elapsed.TotalSeconds / done.TotalSeconds);
            }
            return new BatchProgress
            {
                FilesTotal = filesTotal,
                FilesDone = filesDone,
                AudioTotal = audioTotal,
                AudioDone = done,
                Elapsed = elapsed,
                Remaining = remaining,
                Workers = perWorker,
            };
        }
    }

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
            foreach (var model in models.Values.Where(m => m.IsValueCreated))
            {
                try { model.Value.Dispose(); }
                catch (Exception) { /* a model that failed to load has nothing to free */ }
            }
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
                    Fail(item, error, null, TimeSpan.Zero, null);
                    continue;
                }
                lock (progressGate) audioTotal += length;
                pending.Add(new WorkItem(item, length), length);
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
                var (ok, item) = await pending.TakeAsync(token).ConfigureAwait(false);
                if (!ok) break;
                if (!TryClaim(item)) continue;
                var started = Stopwatch.GetTimestamp();
                AudioClip clip;
                try
                {
                    clip = await decoder.DecodeAsync(item.Plan.Input.FilePath, token).ConfigureAwait(false);
                    CheckNotTruncated(item, clip);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    var error = e as YtPipeException ?? new AudioDecodeException(item.Plan.Input.FilePath, e.Message, e);
                    Fail(item.Plan, error, item.DeclaredLength, Stopwatch.GetElapsedTime(started), null);
                    continue;
                }
                await decoded.Writer.WriteAsync(new DecodedItem(item, clip, Stopwatch.GetElapsedTime(started)), token).ConfigureAwait(false);
            }
        }
        finally
        {
            if (Interlocked.Increment(ref decodersDone) == decoderCount)
            {
                decoded.Writer.TryComplete();
            }
        }
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

    private async Task WorkLoopAsync(WorkerState worker, CancellationToken token)
    {
        ITranscriber? transcriber = null;
        try
        {
            await foreach (var item in decoded.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                StartClock();
                var model = GetModel(worker.Slot.Device);
                transcriber ??= model.CreateTranscriber(worker.Slot.Threads);
                await TranscribeOneAsync(worker, model, transcriber, item, token).ConfigureAwait(false);
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

    private void StartClock()
    {
        lock (progressGate)
        {
            if (!clock.IsRunning) clock.Start();
        }
    }

    private ITranscriptionModel GetModel(DeviceSpec device)
    {
        var lazy = models.GetOrAdd(device, d => new Lazy<ITranscriptionModel>(() => Load(d), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    private ITranscriptionModel Load(DeviceSpec device)
    {
        Post(new BatchMessageEvent(BatchMessageLevel.Verbose, $"Loading model {transcription.ModelName} ({transcription.ModelPath}) on {device}."));
        var started = Stopwatch.GetTimestamp();
        var model = engine.LoadModel(device);
        Post(new BatchMessageEvent(BatchMessageLevel.Verbose,
            $"Model {transcription.ModelName} ({model.ComputeType}) loaded on {model.Device} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s."));
        foreach (var note in model.LoadNotes) Post(new BatchMessageEvent(note.Level, note.Text));
        if (model.Device != device.ToString())
        {
            Post(new BatchMessageEvent(BatchMessageLevel.Warning,
                $"{device} was asked for, but the work runs on {model.Device}: this build of YtPipe has no CUDA runtime, or CUDA could not start. For GPU support: {HostWording.Command(HostWording.BuildWithCuda)}."));
        }
        return model;
    }

    private async Task TranscribeOneAsync(WorkerState worker, ITranscriptionModel model, ITranscriber transcriber, DecodedItem item, CancellationToken token)
    {
        var input = item.Work.Plan.Input;
        var length = item.Clip.Duration;
        var started = Stopwatch.GetTimestamp();
        TimeSpan Elapsed() => item.DecodeTime + Stopwatch.GetElapsedTime(started);
        worker.Begin(input.FilePath, length);
        var modelStarted = Stopwatch.GetTimestamp();
        var modelTime = TimeSpan.Zero;
        try
        {
            RecognitionResult recognized;
            try
            {
                recognized = await transcriber.TranscribeAsync(item.Clip.Samples, worker, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not YtPipeException && (e is not OperationCanceledException || !token.IsCancellationRequested))
            {
                throw new TranscriptionFailedException(input.FilePath, e.Message, e);
            }
            modelTime = Stopwatch.GetElapsedTime(modelStarted);
            var source = input.Source ?? SourceInfoReader.TryRead(input.FilePath);
            var transcript = new Transcript
            {
                SourcePath = input.FilePath,
                VideoId = source?.Id ?? Path.GetFileNameWithoutExtension(input.FilePath),
                SourceUrl = source?.WebpageUrl,
                Title = source?.Title,
                Uploader = source?.Uploader,
                UploadDate = source?.UploadDate,
                Model = transcription.ModelName,
                Device = model.Device,
                ComputeType = model.ComputeType,
                Runtime = model.Runtime,
                Duration = length,
                Language = recognized.Language,
                Segments = SegmentTimes.ClampTo(recognized.Segments, length),
            };
            var written = TranscriptFiles.Write(item.Work.Plan.Paths, item.Work.Plan.ToWrite, transcript, options.Force);
            Completed(length, new FileResult
            {
                InputPath = input.FilePath,
                // Another process landed every transcript first: complete files, so a skip.
                Status = written.Count > 0 ? FileStatus.Transcribed : FileStatus.Skipped,
                SkipReason = written.Count > 0 ? null : "another process wrote its transcripts meanwhile",
                Transcript = transcript,
                // Formats that were already there (a run cut short earlier) are outputs of this file too.
                OutputFiles = item.Work.Plan.ExistingFiles(),
                Duration = length,
                Elapsed = Elapsed(),
                ModelTime = modelTime,
                Device = model.Device,
                Model = transcription.ModelName,
                Worker = worker.Slot.Index,
            });
        }
        catch (YtPipeException e)
        {
            Fail(item.Work.Plan, e, length, Elapsed(), worker.Slot.Index, model.Device, modelTime);
        }
        finally
        {
            worker.Clear();
            NativeHeap.Trim();
        }
    }

    // Taken just before the decode, not at Submit, so that two processes over one folder share the files as they go.
    private bool TryClaim(WorkItem item)
    {
        try
        {
            if (claims.TryTake(item.Plan, options.Force) is not { } skipReason) return true;
            Completed(item.DeclaredLength, new FileResult
            {
                InputPath = item.Plan.Input.FilePath,
                Status = FileStatus.Skipped,
                SkipReason = skipReason,
                OutputFiles = item.Plan.ExistingFiles(),
                Model = transcription.ModelName,
            });
        }
        catch (YtPipeException e)
        {
            Fail(item.Plan, e, item.DeclaredLength, TimeSpan.Zero, null);
        }
        return false;
    }

    private void Fail(OutputPlan outputPlan, YtPipeException error, TimeSpan? length, TimeSpan elapsed, int? worker, string? device = null, TimeSpan modelTime = default)
    {
        Completed(length ?? TimeSpan.Zero, new FileResult
        {
            InputPath = outputPlan.Input.FilePath,
            Status = FileStatus.Failed,
            Error = error,
            Duration = length,
            Elapsed = elapsed,
            ModelTime = modelTime,
            Device = device,
            Model = transcription.ModelName,
            Worker = worker,
        });
    }

    private void Completed(TimeSpan length, FileResult result)
    {
        claims.Release(result.InputPath);
        lock (progressGate)
        {
            filesDone++;
            audioDone += length;
        }
        Post(new FileCompletedEvent(result));
    }

    private void Post(BatchEvent e) => events.Writer.TryWrite(e);

    private sealed record WorkItem(OutputPlan Plan, TimeSpan DeclaredLength);

    /// <summary>A decoded file waiting for a worker; the wait is not the file's time, so only the decode is carried.</summary>
    private sealed record DecodedItem(WorkItem Work, AudioClip Clip, TimeSpan DecodeTime);

    /// <summary>A worker's live state; also the progress sink its transcriber reports to.</summary>
    private sealed class WorkerState(WorkerSlot slot) : IProgress<double>
    {
        private readonly object gate = new();
        private string? file;
        private TimeSpan length;
        private double fraction;

        public WorkerSlot Slot { get; } = slot;

        public void Begin(string path, TimeSpan audioLength)
        {
            lock (gate) { file = path; length = audioLength; fraction = 0; }
        }

        public void Clear()
        {
            lock (gate) { file = null; length = TimeSpan.Zero; fraction = 0; }
        }

        public void Report(double value)
        {
            lock (gate) fraction = Math.Clamp(value, 0, 1);
        }

        public (string? File, TimeSpan Length, double Fraction) Snapshot()
        {
            lock (gate) return (file, length, fraction);
        }
    }
}
