using System.Management.Automation;
using YtPipe.Core.Audio;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Gpu;
using YtPipe.Core.Models;
using YtPipe.Core.Transcription;
using YtPipe.PowerShell.Hosting;
using ComputeType = YtPipe.Core.Models.ComputeType;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// What Invoke-YtTranscription and Start-YtPipeline share: the transcription parameters, and
/// turning them into a running <see cref="TranscriptionBatch"/> (worker plan, model choice and
/// download, options) with its pump. Parameters declared here appear on both commands.
/// </summary>
public abstract class TranscriptionCommandBase : PSCmdlet, IDisposable
{
    private const string DefaultModel = "base";

    private readonly CancellationTokenSource stop = new();
    private IDisposable? termination;
    private Action<int?>? launch;
    private TranscriptionInput? held;

    /// <summary>Model name, looked up as ggml-NAME.bin in $env:YTPIPE_MODEL_DIR or the per-user model cache. Default: base.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

    /// <summary>Weight precision, which picks the model variant: Auto (quantized on CPU, f16 on GPU), Float16, Q8_0 (alias Int8), Q5_1, Q5_0, Q4_0.</summary>
    [Parameter]
    [ValidateSet("Auto", "Float16", "Int8", "Q8_0", "Q5_1", "Q5_0", "Q4_0", IgnoreCase = true)]
    public string ComputeType { get; set; } = "Auto";

    /// <summary>Never download a missing model; stop with ModelNotFound instead.</summary>
    [Parameter]
    public SwitchParameter NoDownload { get; set; }

    /// <summary>A ggml model file to use instead of a model name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ModelPath { get; set; }

    /// <summary>Spoken language code (en, de, ...). Default: detected per file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LanguageCompleter))]
    public string? Language { get; set; }

    /// <summary>Translate the speech into English.</summary>
    [Parameter]
    public SwitchParameter Translate { get; set; }

    /// <summary>Beam search width; 1 is greedy decoding (faster). Default 5, as the seed tool.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int BeamSize { get; set; } = 5;

    /// <summary>CPU threads per worker; 0 chooses.</summary>
    [Parameter]
    [ValidateRange(0, 256)]
    public int Threads { get; set; }

    /// <summary>Files transcribed at once, sharing one model; 0 chooses from the cores.</summary>
    [Parameter]
    [ValidateRange(0, 256)]
    public int Workers { get; set; }

    /// <summary>Where the model runs: Auto (a GPU when one is found and the CUDA runtime is bundled, else the CPU), Cpu or Cuda.</summary>
    [Parameter]
    [ValidateSet("Auto", "Cpu", "Cuda", IgnoreCase = true)]
    public string Device { get; set; } = "Auto";

    /// <summary>How files are spread over workers: Auto (the rule), Sequential, ParallelCpu or MultiGpu.</summary>
    [Parameter]
    [ValidateSet("Auto", "Sequential", "ParallelCpu", "MultiGpu", IgnoreCase = true)]
    public string Strategy { get; set; } = "Auto";

    /// <summary>The GPUs to use, by Get-YtGpu's index. Default: all.</summary>
    [Parameter]
    [ValidateRange(0, 63)]
    public int[]? GpuIndex { get; set; }

    /// <summary>Transcript formats to write: Json, Txt, Srt, Vtt. Default: Json, Txt.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateSet("Json", "Txt", "Srt", "Vtt", IgnoreCase = true)]
    public string[] OutputFormat { get; set; } = ["Json", "Txt"];

    /// <summary>Transcribe files whose transcripts exist, and replace those transcripts.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Turn whisper.cpp's flash attention off (it is on by default: faster, less memory).</summary>
    [Parameter]
    public SwitchParameter NoFlashAttention { get; set; }

    /// <summary>How clips far shorter than Whisper's 30 s window are encoded: Off (the default, every window in full) or AudioContext (a window sized to the clip: faster, accuracy unmeasured).</summary>
    [Parameter]
    [ValidateSet("Off", "AudioContext", IgnoreCase = true)]
    public string ShortClip { get; set; } = "Off";

    /// <summary>Cancelled by Ctrl+C (StopProcessing).</summary>
    protected CancellationToken StopToken => stop.Token;

    /// <summary>The running batch, once <see cref="StartBatch"/> (or, deferred, the second file or the end of input) has made it.</summary>
    private protected TranscriptionBatch? Batch { get; private set; }

    /// <summary>The pump that writes the batch's events on the pipeline thread.</summary>
    private protected BatchPump? Pump { get; private set; }

    /// <summary>
    /// Checks ffmpeg and the model options, asks for the GPUs, resolves (and if need be downloads)
    /// and checks the model, and starts the batch unless <paramref name="deferUntilCounted"/>. Any
    /// failure is one terminating error, before any file is touched.
    /// </summary>
    /// <param name="outputDirectory">Where transcripts go (a provider path is resolved); null writes beside each input.</param>
    /// <param name="activity">The progress bar's title.</param>
    /// <param name="progressId">The first progress activity id the batch's bars use (the next ones are its workers').</param>
    /// <param name="deferUntilCounted">
    /// Start the batch only when a second file comes or the input ends, so that a single file gets
    /// the single-file plan (every core to one worker) however it arrives; false starts it now, for
    /// inputs that trickle in (downloads) and must not wait for the next one.
    /// </param>
    protected void StartBatch(string? outputDirectory, string activity, int progressId = 1, bool deferUntilCounted = false)
    {
        if (Model is not null && ModelPath is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create(ErrorIds.ModelAndModelPath, ErrorCategory.InvalidArgument, ModelPath,
                "-Model and -ModelPath name two models.", "Give one of them."));
        }
        try
        {
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
            var (language, languageWarning) = LanguageRule.Resolve(Language, englishOnly, ModelLocator.NameOf(modelPath));
            if (languageWarning is not null)
            {
                WriteWarning(languageWarning);
            }
            var transcription = new TranscriptionOptions
            {
                ModelPath = modelPath,
                ModelName = ModelLocator.NameOf(modelPath),
                Language = language,
                Translate = Translate,
                BeamSize = BeamSize,
                FlashAttention = !NoFlashAttention,
                ShortClip = Enum.Parse<ShortClipMode>(ShortClip, ignoreCase: true),
            };
            var options = new BatchOptions
            {
                Formats = OutputFormat.Select(f => Enum.Parse<Core.Output.OutputFormat>(f, ignoreCase: true)).Distinct().ToList(),
                OutputDirectory = outputDirectory is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(outputDirectory),
                Force = Force,
            };
            launch = fileCount => Launch(request with { FileCount = fileCount }, gpus, options, transcription, tools, activity, progressId);
            if (!deferUntilCounted)
            {
                launch(null);
            }
        }
        catch (YtPipeException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C during set-up (the nvidia-smi query, a model download) is a stop, not an error.
            throw new PipelineStoppedException();
        }
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
        Batch = new TranscriptionBatch(options, transcription, plan.Workers, new WhisperEngine(transcription), new FfmpegAudioDecoder(tools), stop.Token);
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
            // Deferred (see StartBatch): hold the first file until a second one shows it is a batch.
            if (held is null)
            {
                held = input;
                return;
            }
            launch!(null);
            var first = held;
            held = null;
            Submit(first);
        }
        ThrowIfBatchFailed();
        OutputPlan? plan;
        try
        {
            plan = Batch!.Plan(input);
        }
        catch (YtPipeException e)
        {
            WriteError(ErrorRecords.From(e));
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
        Batch.Submit(plan);
    }

    /// <summary>No more files: writes every remaining event, then turns a batch-ending failure into a terminating error.</summary>
    protected void FinishBatch()
    {
        if (Batch is null)
        {
            launch!(held is null ? 0 : 1);
            if (held is not null) Submit(held);
            held = null;
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
