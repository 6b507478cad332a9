using System.Collections.Concurrent;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Output;

/// <summary>
/// The <see cref="OutputClaim"/>s one batch holds, by input: taken just before a file is decoded,
/// released when its result is known, and all released when the batch ends (a cancelled batch
/// leaves files in its queues).
/// </summary>
internal sealed class OutputClaims : IDisposable
{
    private readonly ConcurrentDictionary<string, OutputClaim> held = new();

    /// <summary>
    /// Claims <paramref name="plan"/>'s transcripts. Null when the claim is taken and the work is
    /// still to do; otherwise why the file is skipped: another live process holds the claim, or
    /// (without <paramref name="force"/>) wrote every missing transcript while this one waited.
    /// </summary>
    /// <exception cref="OutputWriteException">The claim file cannot be created.</exception>
    public string? TryTake(OutputPlan plan, bool force)
    {
        var claimPath = OutputClaim.PathFor(plan.Paths.Values.First());
        OutputClaim? claim;
        string? holder;
        try
        {
            claim = OutputClaim.TryTake(claimPath, plan.Input.FilePath, out holder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(claimPath, e);
        }
        if (claim is null)
        {
            return $"another YtPipe is transcribing it: {holder}";
        }
        if (!force && plan.ToWrite.All(f => File.Exists(plan.Paths[f])))
        {
            claim.Dispose();
            return "another process wrote its transcripts meanwhile";
        }
        if (!held.TryAdd(plan.Input.FilePath, claim))
        {
            claim.Dispose();
            throw new InvalidOperationException($"'{plan.Input.FilePath}' was claimed twice in one batch.");
        }
        return null;
    }

    /// <summary>Releases the claim on <paramref name="inputPath"/>'s transcripts, if this batch holds one.</summary>
    public void Release(string inputPath)
    {
        if (held.TryRemove(inputPath, out var claim))
        {
            claim.Dispose();
        }
    }

    /// <summary>Releases every claim still held.</summary>
    public void Dispose()
    {
        foreach (var inputPath in held.Keys)
        {
            Release(inputPath);
        }
    }
}
