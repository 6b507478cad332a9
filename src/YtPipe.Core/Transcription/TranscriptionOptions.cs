using YtPipe.Core.Vad;

namespace YtPipe.Core.Transcription;

/// <summary>How to transcribe: which model and how to decode. Immutable; one instance serves a whole batch.</summary>
public sealed record TranscriptionOptions
{
    /// <summary>Full path of the ggml model file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The model's name for reports, such as <c>base.en</c>.</summary>
    public required string ModelName { get; init; }

    /// <summary>A language code such as <c>en</c>; null detects the language of each file.</summary>
    public string? Language { get; init; }

    /// <summary>Translate the speech into English instead of transcribing it.</summary>
    public bool Translate { get; init; }

    /// <summary>Beam search width; 1 means greedy decoding. The seed tool and whisper.cpp's CLI use 5.</summary>
    public int BeamSize { get; init; } = 5;

    /// <summary>Flash attention: about 30 % faster on CPU and less memory; whisper.cpp's CLI turns it on by default.</summary>
    public bool FlashAttention { get; init; } = true;

    /// <summary>How clips far shorter than the 30 s window are encoded; <see cref="ShortClipMode.Off"/> (the default) encodes every window in full.</summary>
    public ShortClipMode ShortClip { get; init; } = ShortClipMode.Off;

    /// <summary>whisper.cpp's hallucination guards; whisper.cpp's defaults unless set.</summary>
    public DecodingGuards Guards { get; init; } = DecodingGuards.Default;

    /// <summary>Voice activity detection before transcription; null (the default) transcribes the whole file.</summary>
    public VadOptions? Vad { get; init; }
}
