using System.Management.Automation;
using YtPipe.Core.Audio;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Gpu;
using YtPipe.Core.Models;
using YtPipe.Core.Sharding;
using YtPipe.Core.Transcription;
using YtPipe.PowerShell.Hosting;
using ComputeType = YtPipe.Core.Models.ComputeType;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// What Invoke-YtTranscription and Start-YtPipeline share: turning the transcription parameters
/// (declared in TranscriptionCommandBase.Parameters.cs, so they appear on both commands) into a
/// running <see cref="TranscriptionBatch"/> (worker plan, model choice and download, options) with its pump.
/// </summary>
public abstract partial class TranscriptionCommandBase : PSCmdlet, IDisposable
{
    private const string DefaultModel = "base";

    private readonly CancellationTokenSource stop = new();
    private IDisposable? termination;
    private readonly List<TranscriptionInput> held = [];
    private Action<int?>? launch;
    private int holdUpTo;
    private ShardSpec? shard;

    /// <summary>Cancelled by Ctrl+C (StopProcessing).</summary>
    protected CancellationToken StopToken => stop.Token;

    /// <summary>The running batch, once <see cref="StartBatch"/> (or, deferred, the second file or the end of input) has made it.</summary>
    private protected TranscriptionBatch? Batch { get; private set; }

    /// <summary>The pump that writes the batch's events on the pipeline thread.</summary>
    private protected BatchPump? Pump { get; private set; }

    /// <summary>
    /// Checks ffmpeg and the model options, asks for the GPUs, resolves (and if need be downloads)
    /// and checks the model, and starts the batch unless <paramref name="holdUpTo"/> holds it. Any
    /// failure is one terminating error, before any file is touched.
    /// </summary>
    /// <param name="outputDirectory">Where transcripts go (a provider path is resolved); null writes beside each input.</param>
    /// <param name="activity">The progress bar's title.</param>
    /// <param name="progressId">The first progress activity id the batch's bars use (the next ones are its workers').</param>
    /// <param name="holdUpTo">
    /// Start the batch only when this many files have come or the input has ended, so the plan
    /// knows how many files there are when there are fewer (a single file gets every core however
    /// it arrives); 0 starts it now, for inputs that trickle in (downloads) and must not wait.
    /// </param>
    protected void StartBatch(string? outputDirectory, string activity, int progressId = 1, int holdUpTo = 0)
    {
        if (Model is not null && ModelPath is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.ModelAndModelPath, ErrorCategory.InvalidArgument, ModelPath,
                "-Model and -ModelPath name two models.", "Give one of them."));
        }
        // Ctrl+C during set-up (the nvidia-smi query, a model download) is a stop, not an error.
        this.Terminating(() =>
        {
            // First: a wrong shard is the whole job's mistake, reported before anything is looked at.
            shard = Shard is null ? null : ShardSpec.Parse(Shard);
            if (shard is not null && ShardSpec.IsAuto(Shard))
            {
                WriteVerbose($"-Shard {Shard}: shard {shard}.");
            }
            var tools = FfmpegTools.Locate();
            var request = PlanRequest();
            // Only ask nvidia-smi when a GPU could be used: it can take seconds on a busy driver.
            var gpus = BatchPlanner.NeedsGpuList(request)
                ? NvidiaSmiQuery.QueryAsync(stop.Token).GetAwaiter().GetResult()
                : new GpuQueryResult([], null);
            // The device does not depend on how many files come; the workers do, and are planned at launch.
            var modelPath = ResolveModel(BatchPlanner.Plan(request, gpus).UsesGpu);
            // A model given by path is checked now, before any input is probed: a wrong path is the
            // first and only error. A named model is absent here only under -WhatIf.
            var info = ModelPath is not null || File.Exists(modelPath) ? GgmlModelInfo.Read(modelPath) : null;
            var englishOnly = info?.IsEnglishOnly ?? ModelLocator.NameOf(modelPath).Contains(".en", StringComparison.Ordinal);
            var languages = LanguageRule.Choose(Language, englishOnly, ModelLocator.NameOf(modelPath));
            if (languages.Warning is not null)
            {
                WriteWarning(languages.Warning);
            }
            var transcription = new TranscriptionOptions
            {
                ModelPath = modelPath,
                ModelName = ModelLocator.NameOf(modelPath),
                Language = languages.Language,
                LanguageCandidates = languages.Candidates,
                WordTimestamps = WordTimestamps,
                Translate = Translate,
                BeamSize = BeamSize,
                FlashAttention = !NoFlashAttention,
                ShortClip = Enum.Parse<ShortClipMode>(ShortClip, ignoreCase: true),
                Guards = new DecodingGuards
                {
                    NoSpeechThreshold = (float)NoSpeechThreshold,
                    Temperature = (float)Temperature,
                    TemperatureIncrement = (float)TemperatureIncrement,
                    EntropyThreshold = (float)EntropyThreshold,
                    LogProbThreshold = (float)LogProbThreshold,
                    MaxContext = MaxContext,
                    Prompt = Prompt,
                    CarryPrompt = CarryPrompt,
                },
                Vad = Vad ? VadOptions(ResolveVadModel()) : null,
            };
            var options = new BatchOptions
            {
                Formats = OutputFormat.Select(f => Enum.Parse<Core.Output.OutputFormat>(f, ignoreCase: true)).Distinct().ToList(),
                OutputDirectory = outputDirectory is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(outputDirectory),
                Force = Force,
                SubtitleLayout = new() { MaxLineWidth = MaxLineWidth, MaxLineCount = MaxLineCount },
                Shard = shard,
            };
            launch = fileCount => Launch(request with { FileCount = fileCount }, gpus, options, transcription, tools, activity, progressId);
            // A shard takes its share of the whole input set: every input is held until the input ends.
            if (shard is not null)
            {
                holdUpTo = int.MaxValue;
            }
            if (holdUpTo <= 0)
            {
                launch(null);
            }
            this.holdUpTo = holdUpTo;
        });
    }

    private void Launch(PlanRequest request, GpuQueryResult gpus, BatchOptions options, TranscriptionOptions transcription, FfmpegTools tools, string activity, int progressId)
    {
        var plan = BatchPlanner.Plan(request, gpus);
        foreach (var note in plan.Notes)
        {
            if (note.Level == BatchMessageLevel.Warning) WriteWarning(note.Text);
            else WriteVerbose(note.Text);
        }
        termination ??= TerminationSignal.Register(StopProcessing, RunningWork);
        Batch = new TranscriptionBatch(options, transcription, plan.Workers, new WhisperEngine(transcription), new PcmWavDecoder(new FfmpegAudioDecoder(tools)), stop.Token);
        Pump = new BatchPump(this, Batch, activity, progressId);
    }

    private PlanRequest PlanRequest() => new()
    {
        Device = Enum.Parse<DeviceChoice>(Device, ignoreCase: true),
        Strategy = Enum.Parse<StrategyChoice>(Strategy, ignoreCase: true),
        Workers = Workers,
        Threads = Threads,
        GpuIndex = GpuIndex,
        CudaRuntimeBundled = CudaRuntime.IsBundled,
    };

    private void LaunchWithHeld(int? fileCount)
    {
        if (shard is not null)
        {
            var selection = InputSharding.Select(ShardInputs(held), shard);
            WriteVerbose(selection.Describe());
            held.Clear();
            held.AddRange(selection.Mine);
            fileCount = held.Count;
        }
        launch!(fileCount);
        var inputs = held.ToList();
        held.Clear();
        foreach (var input in inputs)
        {
            Submit(input);
        }
    }

    /// <summary>
    /// The whole input set a shard takes its share of: by default every input the command was
    /// given. A command whose inputs depend on what this run did (downloads) widens it.
    /// </summary>
    private protected virtual IEnumerable<TranscriptionInput> ShardInputs(IReadOnlyList<TranscriptionInput> given) => given;

    /// <summary>Writes what the batch has finished, without waiting; nothing before the batch starts.</summary>
    private protected void DrainResults()
    {
        Pump?.DrainAvailable();
        ThrowIfBatchFailed();
    }

    /// <summary>
    /// Ends the command with one terminating error as soon as the batch has died (a model that
    /// cannot load, a crashed worker), writing first what it finished; files still queued would
    /// never be transcribed, and a pipeline that keeps feeding it would only hide the cause.
    /// </summary>
    private protected void ThrowIfBatchFailed()
    {
        if (Batch?.Failure is not { } failure)
        {
            return;
        }
        Pump?.DrainAvailable();
        ThrowTerminatingError(failure is YtPipeException e
            ? ErrorRecords.From(e)
            : new ErrorRecord(failure, ErrorIds.TranscriptionBatchFailed, ErrorCategory.NotSpecified, null));
    }

    /// <summary>Plans <paramref name="input"/> and queues it if ShouldProcess agrees; errors are written, not thrown.</summary>
    protected void Submit(TranscriptionInput input)
    {
        if (Batch is null)
        {
            // Held (see StartBatch) until enough files show how many there are.
            held.Add(input);
            if (held.Count < holdUpTo)
            {
                return;
            }
            LaunchWithHeld(fileCount: null);
            return;
        }
        ThrowIfBatchFailed();
        OutputPlan? plan = null;
        if (!this.NonTerminating(() => plan = Batch!.Plan(input)))
        {
            return;
        }
        if (plan is null)
        {
            WriteVerbose($"'{input.FilePath}' was given more than once; it is transcribed once.");
            return;
        }
        if (!plan.IsDone && !ShouldProcess(input.FilePath, $"Transcribe to {string.Join(", ", plan.ToWrite.Select(f => plan.Paths[f]))}"))
        {
            return;
        }
        // A batch that dies between the check above and here refuses the file with the failure that killed it.
        this.Terminating(() => Batch!.Submit(plan));
    }

    /// <summary>No more files: writes every remaining event, then turns a batch-ending failure into a terminating error.</summary>
    protected void FinishBatch()
    {
        if (Batch is null)
        {
            LaunchWithHeld(held.Count);
        }
        Batch!.Complete();
        Pump!.DrainToEnd();
        try
        {
            Batch.Completion.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            ThrowIfBatchFailed();
            throw;
        }
        WriteVerbose($"Transcribed {Pump.Transcribed}, skipped {Pump.Skipped}, failed {Pump.Failed}.");
        BatchSummary.Write(this, Pump, Batch);
    }

    /// <summary>The model file: -ModelPath as given, or -Model and -ComputeType resolved, downloading a missing catalog model.</summary>
    private string ResolveModel(bool onGpu)
    {
        var computeType = ComputeType.Equals("Int8", StringComparison.OrdinalIgnoreCase)
            ? Core.Models.ComputeType.Q8_0
            : Enum.Parse<ComputeType>(ComputeType, ignoreCase: true);
        if (ModelPath is not null)
        {
            if (computeType != Core.Models.ComputeType.Auto)
            {
                WriteWarning($"-ComputeType {ComputeType} picks a variant of a named model; with -ModelPath the file's own precision is used.");
            }
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(ModelPath);
        }
        var name = Model ?? DefaultModel;
        var folder = ModelLocator.ModelDirectory;
        var choice = ModelResolver.Resolve(name, computeType, onGpu, ModelCatalog.Load(), folder);
        return Install(choice, folder);
    }

    /// <summary>The Silero model -Vad uses, from the model folder, downloaded like any model when missing; checked before any input is probed.</summary>
    private string ResolveVadModel()
    {
        var name = Core.Vad.VadOptions.DefaultModelName;
        var folder = ModelLocator.ModelDirectory;
        var path = Path.Combine(folder, ModelLocator.FileNameFor(name));
        // Not installed and not in the catalog in force: reading the header says ModelNotFound.
        if (!File.Exists(path) && ModelCatalog.Load().Find(name) is { } entry)
        {
            path = Install(new ModelChoice(name, path, entry, $"-Vad uses {name}, which is in the catalog"), folder);
        }
        // Absent here only under -WhatIf, which downloads nothing.
        if (File.Exists(path) || !MyInvocation.BoundParameters.ContainsKey("WhatIf"))
        {
            Core.Vad.SileroModelHeader.Read(path);
        }
        return path;
    }

    /// <summary>The chosen model's path, downloading it first when it is missing (unless -NoDownload or -WhatIf says no).</summary>
    private string Install(ModelChoice choice, string folder)
    {
        WriteVerbose($"Model {choice.Name}: {choice.Why}.");
        if (choice.Download is null)
        {
            return choice.Path;
        }
        if (NoDownload)
        {
            throw new ModelNotFoundException($"The model '{choice.Name}' is not installed: '{choice.Path}' does not exist, and -NoDownload forbids downloading it.", choice.Name)
            {
                Fix = $"Run Save-YtModel -Name {choice.Name}, put {ModelLocator.FileNameFor(choice.Name)} into '{folder}' (or set ${ModelLocator.ModelDirVariable} to the folder that holds it), or pass the file with -ModelPath.",
            };
        }
        if (ShouldProcess(choice.Path, $"Download model {choice.Name} (about {choice.Download.SizeMiB} MiB) from {choice.Download.Url}"))
        {
            ModelCommands.Download(this, choice.Download, folder, force: false, ModelCommands.Token(null), activityId: 10, stop.Token);
        }
        return choice.Path;
    }

    protected override void StopProcessing()
    {
        stop.Cancel();
        Batch?.Cancel();
    }

    /// <summary>What must end before the process may exit on SIGTERM; derived commands add their own work.</summary>
    private protected virtual IEnumerable<Task?> RunningWork() => [Batch?.Completion];

    /// <summary>Stops and waits for the workers, so no ffmpeg or whisper work outlives the command.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the batch; derived commands release their own work first.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        termination?.Dispose();
        if (Batch is not null)
        {
            Batch.Cancel();
            Batch.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Batch = null;
        }
        stop.Dispose();
    }
}
