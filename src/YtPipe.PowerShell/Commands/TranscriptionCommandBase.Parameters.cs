using System.Management.Automation;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>The transcription parameters Invoke-YtTranscription and Start-YtPipeline both take (their help is docs/*.md).</summary>
public abstract partial class TranscriptionCommandBase
{
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

    /// <summary>Spoken language code (en, de, ...), forced on every file; or several codes (en, de), to detect per file among them only. Default: detected per file among all languages.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LanguageCompleter))]
    public string[]? Language { get; set; }

    /// <summary>Time every word (JSON "words" per segment; SRT and VTT cues split at word times): DTW over the model's alignment heads when it has a preset, else whisper.cpp's token timestamps.</summary>
    [Parameter]
    public SwitchParameter WordTimestamps { get; set; }

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
    [ArgumentCompleter(typeof(GpuIndexCompleter))]
    public int[]? GpuIndex { get; set; }

    /// <summary>Transcript formats to write: Json, Txt, Srt, Vtt. Default: Json, Txt.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateSet("Json", "Txt", "Srt", "Vtt", IgnoreCase = true)]
    public string[] OutputFormat { get; set; } = ["Json", "Txt"];

    /// <summary>The most characters on one SRT or VTT line. Default 42.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxLineWidth { get; set; } = Core.Output.SubtitleLayoutOptions.Default.MaxLineWidth;

    /// <summary>The most lines in one SRT or VTT cue. Default 2.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int MaxLineCount { get; set; } = Core.Output.SubtitleLayoutOptions.Default.MaxLineCount;

    /// <summary>Transcribe files whose transcripts exist, and replace those transcripts.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Turn whisper.cpp's flash attention off (it is on by default: faster, less memory).</summary>
    [Parameter]
    public SwitchParameter NoFlashAttention { get; set; }

    /// <summary>How clips far shorter than Whisper's 30 s window are encoded: Off (the default, every window in full), AudioContext (a window sized to the clip: faster, accuracy unmeasured) or Pack (several short clips of the batch in one window: faster, accuracy unmeasured).</summary>
    [Parameter]
    [ValidateSet("Off", "AudioContext", "Pack", IgnoreCase = true)]
    public string ShortClip { get; set; } = "Off";

    /// <summary>A window whose no-speech probability is above this is treated as silence. 0..1; whisper.cpp's default 0.6.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double NoSpeechThreshold { get; set; } = Core.Transcription.DecodingGuards.Default.NoSpeechThreshold;

    /// <summary>The first decode's sampling temperature; 0 (the default) is deterministic. 0..1.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Temperature { get; set; } = Core.Transcription.DecodingGuards.Default.Temperature;

    /// <summary>How much the temperature rises on each fallback after a rejected decode; 0 turns fallback off. 0..1; default 0.2.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double TemperatureIncrement { get; set; } = Core.Transcription.DecodingGuards.Default.TemperatureIncrement;

    /// <summary>A decode less varied than this token entropy is retried hotter. 0..10; default 2.4.</summary>
    [Parameter]
    [ValidateRange(0.0, 10.0)]
    public double EntropyThreshold { get; set; } = Core.Transcription.DecodingGuards.Default.EntropyThreshold;

    /// <summary>A decode whose average log probability is below this is retried hotter. -10..0; default -1.</summary>
    [Parameter]
    [ValidateRange(-10.0, 0.0)]
    public double LogProbThreshold { get; set; } = Core.Transcription.DecodingGuards.Default.LogProbThreshold;

    /// <summary>Tokens of earlier text used as context for the next window; 0 stops repetition chains. 0..16384; default 16384.</summary>
    [Parameter]
    [ValidateRange(0, Core.Transcription.DecodingGuards.MaxContextDefault)]
    public int MaxContext { get; set; } = Core.Transcription.DecodingGuards.MaxContextDefault;

    /// <summary>Text given to the model before the first window: names, spelling, style.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Prompt { get; set; }

    /// <summary>Keep -Prompt before every window, not only the first.</summary>
    [Parameter]
    public SwitchParameter CarryPrompt { get; set; }

    /// <summary>Do only shard K of N of the inputs ('K/N', 0-based), or 'auto/N' to read K from $env:SLURM_ARRAY_TASK_ID or $env:JOB_COMPLETION_INDEX. Every shard sees the whole input set and takes its share by one rule, so N machines do each file exactly once.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Shard { get; set; }

    /// <summary>Voice activity detection: transcribe only the speech the Silero model (silero-v6.2.0, downloaded like any model) finds, in chunks of at most -VadMaxSpeechSeconds; times stay those of the file. Off by default: it can raise the word error rate on some data (whisper.cpp issue #2454).</summary>
    [Parameter]
    public SwitchParameter Vad { get; set; }

    /// <summary>With -Vad: a frame whose speech probability is at least this is speech. 0..1; default 0.5.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double VadThreshold { get; set; } = 0.5;

    /// <summary>With -Vad: speech shorter than this many milliseconds is dropped. 0..60000; default 250.</summary>
    [Parameter]
    [ValidateRange(0, 60000)]
    public int VadMinSpeechMs { get; set; } = 250;

    /// <summary>With -Vad: silence must last this many milliseconds to end a speech region. 0..60000; default 100.</summary>
    [Parameter]
    [ValidateRange(0, 60000)]
    public int VadMinSilenceMs { get; set; } = 100;

    /// <summary>With -Vad: the longest chunk of speech given to the model at once, in seconds. 1..30 (a chunk must fit Whisper's 30 s window); default 30.</summary>
    [Parameter]
    [ValidateRange(1.0, 30.0)]
    public double VadMaxSpeechSeconds { get; set; } = 30;

    /// <summary>With -Vad: milliseconds of audio kept on each side of a speech region. 0..10000; default 30.</summary>
    [Parameter]
    [ValidateRange(0, 10000)]
    public int VadSpeechPadMs { get; set; } = 30;

    private Core.Vad.VadOptions VadOptions(string modelPath) => new()
    {
        ModelPath = modelPath,
        Threshold = (float)VadThreshold,
        MinSpeech = TimeSpan.FromMilliseconds(VadMinSpeechMs),
        MinSilence = TimeSpan.FromMilliseconds(VadMinSilenceMs),
        MaxChunk = TimeSpan.FromSeconds(VadMaxSpeechSeconds),
        SpeechPad = TimeSpan.FromMilliseconds(VadSpeechPadMs),
    };
}
