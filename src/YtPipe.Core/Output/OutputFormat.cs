namespace YtPipe.Core.Output;

/// <summary>The transcript formats YtPipe writes.</summary>
public enum OutputFormat
{
    /// <summary>The seed tool's JSON schema (video_id, source_url, model, device, compute_type, duration, language, segments).</summary>
    Json,
    /// <summary>Plain text, one segment per line.</summary>
    Txt,
    /// <summary>SubRip subtitles.</summary>
    Srt,
    /// <summary>WebVTT subtitles.</summary>
    Vtt,
}
