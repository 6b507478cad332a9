using System.Management.Automation;
using YtPipe.Core.Audio;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Models;
using YtPipe.Core.Output;
using YtPipe.Core.Transcription;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Transcribes audio and video files locally with Whisper.</para>
/// <para type="description">Decodes each file with ffmpeg, transcribes it with whisper.cpp and writes the transcripts atomically.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "YtTranscription", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(TranscriptionResult))]
public sealed class InvokeYtTranscriptionCommand : PSCmdlet, IDisposable
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly CancellationTokenSource stop = new();
    private TranscriptionBatch? batch;
    private BatchPump? pump;

    /// <summary>Files or folders to transcribe; wildcards are allowed. A folder means its media files, recursively.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Files or folders to transcribe, taken exactly as written (no wildcards). Binds FullName, PSPath and AudioPath of piped objects.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName", "AudioPath")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Folder for the transcripts (created if missing). A folder input keeps its sub-folders there. Default: beside each input.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>Model name, looked up as ggml-NAME.bin in $env:YTPIPE_MODEL_DIR or the per-user model cache. Default: base.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

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

    /// <summary>Transcript formats to write: Json, Txt, Srt, Vtt. Default: Json, Txt.</summary>
    [Parameter]
    [ValidateSet("Json", "Txt", "Srt", "Vtt", IgnoreCase = true)]
    public string[] OutputFormat { get; set; } = ["Json", "Txt"];

    /// <summary>Transcribe files whose transcripts exist, and replace those transcripts.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Turn whisper.cpp's flash attention off (it is on by default: faster, less memory).</summary>
    [Parameter]
    public SwitchParameter NoFlashAttention { get; set; }

    protected override void BeginProcessing()
    {
        if (Model is not null && ModelPath is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create("ModelAndModelPath", ErrorCategory.InvalidArgument, ModelPath,
                "-Model and -ModelPath name two models.", "Give one of them."));
        }
        try
        {
            var tools = FfmpegTools.Locate();
            var modelPath = ModelPath is not null
                ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(ModelPath)
                : ModelLocator.Resolve(Model ?? DefaultModel);
            var info = GgmlModelInfo.Read(modelPath);
            var transcription = new TranscriptionOptions
            {
                ModelPath = modelPath,
                ModelName = ModelLocator.NameOf(modelPath),
                // An English-only model knows one language: saying so skips a detection pass per file.
                Language = Language is null or "auto" ? (info.IsEnglishOnly ? "en" : null) : Language.ToLowerInvariant(),
                Translate = Translate,
                BeamSize = BeamSize,
                FlashAttention = !NoFlashAttention,
            };
            if (info.IsEnglishOnly && transcription.Language is not (null or "en"))
            {
                WriteWarning($"{transcription.ModelName} is an English-only model; -Language {transcription.Language} will not work well. Use a multilingual model such as 'base'.");
            }
            var plan = PlanWorkers();
            var options = new BatchOptions
            {
                Formats = OutputFormat.Select(f => Enum.Parse<Core.Output.OutputFormat>(f, ignoreCase: true)).Distinct().ToList(),
                OutputDirectory = OutputDirectory is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputDirectory),
                Force = Force,
            };
            batch = new TranscriptionBatch(options, transcription, plan, new WhisperEngine(transcription), new FfmpegAudioDecoder(tools), stop.Token);
            pump = new BatchPump(this, batch, "Invoke-YtTranscription");
        }
        catch (YtPipeException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
    }

    private const string DefaultModel = "base";

    private WorkerPlan PlanWorkers()
    {
        var context = new StrategyContext { Device = DeviceKind.Cpu, Workers = Workers, Threads = Threads };
        var (strategy, why) = StrategySelector.Choose(context);
        var plan = strategy.Plan(context);
        WriteVerbose($"Strategy {plan.Strategy} ({why}): {plan.Describe()}; {plan.Reason}.");
        if (plan.Workers.Where(w => w.Device.Kind == DeviceKind.Cpu).Sum(w => w.Threads) > context.LogicalCores)
        {
            WriteWarning($"{plan.Describe()} is more threads than the {context.LogicalCores} logical cores: the workers will slow each other down.");
        }
        return plan;
    }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var raw in literal ? LiteralPath : Path)
        {
            var paths = InputPathResolver.Resolve(this, raw, literal, out var error);
            foreach (var resolved in paths)
            {
                Submit(resolved);
            }
            if (error is not null)
            {
                WriteError(error);
            }
        }
        pump!.DrainAvailable();
    }

    private void Submit(string path)
    {
        IEnumerable<TranscriptionInput> inputs;
        try
        {
            inputs = InputExpander.Expand(path);
        }
        catch (YtPipeException e)
        {
            WriteError(ErrorRecords.From(e));
            return;
        }
        foreach (var input in inputs)
        {
            OutputPlan? plan;
            try
            {
                plan = batch!.Plan(input);
            }
            catch (YtPipeException e)
            {
                WriteError(ErrorRecords.From(e));
                continue;
            }
            if (plan is null)
            {
                WriteVerbose($"'{input.FilePath}' was given more than once; it is transcribed once.");
                continue;
            }
            if (!plan.IsDone)
            {
                var targets = string.Join(", ", plan.ToWrite.Select(f => plan.Paths[f]));
                if (!ShouldProcess(input.FilePath, $"Transcribe to {targets}"))
                {
                    continue;
                }
            }
            batch.Submit(plan);
        }
    }

    protected override void EndProcessing()
    {
        batch!.Complete();
        pump!.DrainToEnd();
        try
        {
            batch.Completion.GetAwaiter().GetResult();
        }
        catch (YtPipeException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e));
        }
        WriteVerbose($"Transcribed {pump.Transcribed}, skipped {pump.Skipped}, failed {pump.Failed}.");
    }

    protected override void StopProcessing()
    {
        stop.Cancel();
        batch?.Cancel();
    }

    /// <summary>Stops and waits for the workers, so no ffmpeg or whisper work outlives the command.</summary>
    public void Dispose()
    {
        if (batch is not null)
        {
            batch.Cancel();
            batch.DisposeAsync().AsTask().GetAwaiter().GetResult();
            batch = null;
        }
        stop.Dispose();
    }
}
