namespace YtPipe.Core.Transcription;

/// <summary>
/// whisper.cpp's guards against hallucination: when a window is treated as silence, when a decode
/// is rejected and retried hotter, how much earlier text conditions the next window, and an
/// initial prompt. The defaults are whisper.cpp's own, so a batch that sets none decodes as before.
/// </summary>
public sealed record DecodingGuards
{
    /// <summary>whisper.cpp's defaults.</summary>
    public static DecodingGuards Default { get; } = new();

    /// <summary>The most tokens of earlier text whisper.cpp keeps as context (its <c>n_max_text_ctx</c> default).</summary>
    public const int MaxContextDefault = 16384;

    /// <summary>A window whose no-speech probability is above this (and whose decode looks unsure) is treated as silence. 0..1.</summary>
    public float NoSpeechThreshold { get; init; } = 0.6f;

    /// <summary>The first decode's sampling temperature; 0 is deterministic. 0..1.</summary>
    public float Temperature { get; init; }

    /// <summary>How much the temperature rises on each fallback after a rejected decode; 0 turns fallback off. 0..1.</summary>
    public float TemperatureIncrement { get; init; } = 0.2f;

    /// <summary>A decode whose token entropy is below this is repetitive and is retried hotter. 0..10.</summary>
    public float EntropyThreshold { get; init; } = 2.4f;

    /// <summary>A decode whose average log probability is below this is retried hotter. -10..0.</summary>
    public float LogProbThreshold { get; init; } = -1f;

    /// <summary>Tokens of earlier text used as context for the next window; 0 stops repetition chains at the cost of context. 0..16384.</summary>
    public int MaxContext { get; init; } = MaxContextDefault;

    /// <summary>Text given to the model before the first window (names, spelling, style); null for none.</summary>
    public string? Prompt { get; init; }

    /// <summary>Keep <see cref="Prompt"/> before every window, not only the first.</summary>
    public bool CarryPrompt { get; init; }
}
