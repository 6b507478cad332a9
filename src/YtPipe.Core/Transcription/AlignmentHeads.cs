using System.Text.RegularExpressions;
using Whisper.net;
using YtPipe.Core.Models;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Which of Whisper.net's alignment-head presets fits a model, for DTW word timestamps. The heads are
/// particular attention heads of a particular checkpoint: a preset is only right for OpenAI's own
/// weights, so it is chosen by the catalog name (a quantized variant keeps its family's heads) and
/// only when the file's shape agrees with that name. A renamed, fine-tuned or unknown model gets
/// <see cref="WhisperAlignmentHeadsPreset.None"/>, and word times then come from whisper.cpp's token timestamps.
/// </summary>
internal static partial class AlignmentHeads
{
    private sealed record Shape(WhisperAlignmentHeadsPreset Preset, int TextLayers, int TextState, int Mels, bool EnglishOnly);

    private static readonly Dictionary<string, Shape> Families = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tiny.en"] = new(WhisperAlignmentHeadsPreset.TinyEn, 4, 384, 80, true),
        ["tiny"] = new(WhisperAlignmentHeadsPreset.Tiny, 4, 384, 80, false),
        ["base.en"] = new(WhisperAlignmentHeadsPreset.BaseEn, 6, 512, 80, true),
        ["base"] = new(WhisperAlignmentHeadsPreset.Base, 6, 512, 80, false),
        ["small.en"] = new(WhisperAlignmentHeadsPreset.SmallEn, 12, 768, 80, true),
        ["small"] = new(WhisperAlignmentHeadsPreset.Small, 12, 768, 80, false),
        ["medium.en"] = new(WhisperAlignmentHeadsPreset.MediumEn, 24, 1024, 80, true),
        ["medium"] = new(WhisperAlignmentHeadsPreset.Medium, 24, 1024, 80, false),
        ["large-v1"] = new(WhisperAlignmentHeadsPreset.LargeV1, 32, 1280, 80, false),
        ["large-v2"] = new(WhisperAlignmentHeadsPreset.LargeV2, 32, 1280, 80, false),
        ["large-v3"] = new(WhisperAlignmentHeadsPreset.LargeV3, 32, 1280, 128, false),
        ["large-v3-turbo"] = new(WhisperAlignmentHeadsPreset.LargeV3Turbo, 4, 1280, 128, false),
    };

    /// <summary>The preset for the model named <paramref name="modelName"/> whose header is <paramref name="info"/>; None when there is none.</summary>
    public static WhisperAlignmentHeadsPreset PresetFor(string modelName, GgmlModelInfo info)
    {
        var family = QuantizationSuffix().Replace(modelName.Trim(), "");
        return Families.TryGetValue(family, out var shape)
            && shape.TextLayers == info.TextLayers && shape.TextState == info.TextState
            && shape.Mels == info.Mels && shape.EnglishOnly == info.IsEnglishOnly
            ? shape.Preset
            : WhisperAlignmentHeadsPreset.None;
    }

    [GeneratedRegex(@"-(q\d+_\d+|q\d+_k|f16|f32)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuantizationSuffix();
}
