using System.Text.RegularExpressions;

namespace YtPipe.Core.Models;

/// <summary>Names of precision variants: <c>base</c> (f16), <c>base-q8_0</c>, <c>base.en-q5_1</c>.</summary>
internal partial class ModelVariants
{
    /// <summary>The weight type a model name says.</summary>
    public static string PrecisionOf(string name)
    {
        var m = Suffix().Match(name);
        return m.Success ? m.Groups[1].Value.ToLowerInvariant() : "f16";
    }

    /// <summary>The name without a precision suffix.</summary>
    public static string FamilyOf(string name) => Suffix().Replace(name, string.Empty);

    /// <summary>The variant of <paramref name="family"/> with <paramref name="precision"/>.</summary>
    public static string Name(string family, string precision) => precision == "f16" ? family : $"{family}-{precision}";

    [GeneratedRegex(@"-(q\d_\d|f16|f32)$", RegexOptions.IgnoreCase)]
    private static partial Regex Suffix();
}
