using System.Globalization;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Sharding;

/// <summary>
/// Which share of a corpus one process does: shard <see cref="Index"/> (0-based, as Slurm array
/// indexes and Kubernetes completion indexes are) of <see cref="Count"/>. Written <c>K/N</c>.
/// </summary>
/// <param name="Index">This process's shard, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">How many shards split the corpus; always given by the user (after a requeue a
/// scheduler's own task count describes only the resubmitted tasks, not the corpus split).</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The Slurm array job variable <c>auto</c> reads first.</summary>
    public const string SlurmVariable = "SLURM_ARRAY_TASK_ID";

    /// <summary>The Kubernetes Indexed Job variable <c>auto</c> reads when Slurm's is not set.</summary>
    public const string KubernetesVariable = "JOB_COMPLETION_INDEX";

    private const string Form = "'K/N' (shard K of N, 0 ≤ K < N, e.g. 0/4) or 'auto/N' (K from $" + SlurmVariable + " or $" + KubernetesVariable + ")";

    /// <summary>
    /// Reads <c>K/N</c> or <c>auto/N</c>; <paramref name="environment"/> gives a variable's value
    /// (the process environment when null).
    /// </summary>
    /// <exception cref="ShardInvalidException">Not one of the two forms, N &lt; 1, or K outside 0..N-1.</exception>
    /// <exception cref="ShardIndexMissingException"><c>auto/N</c> with neither variable set to a number.</exception>
    public static ShardSpec Parse(string? spec, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var text = spec?.Trim() ?? string.Empty;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw Invalid(spec, "it is not of the form K/N");
        }
        var indexText = text[..slash].Trim();
        var countText = text[(slash + 1)..].Trim();
        if (!TryReadNumber(countText, out var count) || count < 1)
        {
            throw Invalid(spec, $"the shard count '{countText}' is not a whole number of at least 1");
        }
        int index;
        string from;
        if (indexText.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            (index, from) = IndexFromScheduler(spec!, count, environment);
        }
        else if (!TryReadNumber(indexText, out index))
        {
            throw Invalid(spec, $"the shard index '{indexText}' is not a whole number (or 'auto')");
        }
        else
        {
            from = string.Empty;
        }
        if (index >= count)
        {
            throw Invalid(spec, $"the shard index {index}{from} is not below the shard count {count}: shards are numbered 0 to {count - 1}");
        }
        return new ShardSpec(index, count);
    }

    /// <summary>Whether <paramref name="spec"/> names the index as <c>auto</c>.</summary>
    public static bool IsAuto(string? spec) =>
        spec is not null && spec.TrimStart().StartsWith("auto", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>K/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static (int Index, string From) IndexFromScheduler(string spec, int count, Func<string, string?> environment)
    {
        foreach (var name in new[] { SlurmVariable, KubernetesVariable })
        {
            var value = environment(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (!TryReadNumber(value.Trim(), out var index))
            {
                throw new ShardIndexMissingException(
                    $"{HostWording.Option("Shard")} '{spec}' takes the shard index from ${name}, but its value '{value}' is not a whole number.", spec)
                {
                    Fix = $"Run it as a task of an array or indexed job (sbatch --array=0-{count - 1}, a Kubernetes Job with completionMode: Indexed), or give the index: {HostWording.Option("Shard")} K/{count}.",
                };
            }
            return (index, $" (from ${name})");
        }
        throw new ShardIndexMissingException(
            $"{HostWording.Option("Shard")} '{spec}' takes the shard index from ${SlurmVariable} (Slurm array jobs) or ${KubernetesVariable} (Kubernetes Indexed Jobs), and neither is set.", spec)
        {
            Fix = $"Run it as a task of an array or indexed job (sbatch --array=0-{count - 1}, a Kubernetes Job with completionMode: Indexed), or give the index: {HostWording.Option("Shard")} K/{count}.",
        };
    }

    // Plain decimal digits only: "+1", " 1e0" or "0x1" in a job script are mistakes, not shard numbers.
    private static bool TryReadNumber(string text, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static ShardInvalidException Invalid(string? spec, string why) =>
        new($"{HostWording.Option("Shard")} '{spec}' is not a shard: {why}.", spec) { Fix = $"Write it as {Form}." };
}
