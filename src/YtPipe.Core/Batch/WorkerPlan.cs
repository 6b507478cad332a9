namespace YtPipe.Core.Batch;

/// <summary>What a strategy decided: the workers, and in words why (shown by -Verbose).</summary>
public sealed record WorkerPlan(string Strategy, IReadOnlyList<WorkerSlot> Workers, string Reason)
{
    /// <summary>"2 workers x 4 threads on cpu".</summary>
    public string Describe()
    {
        var byDevice = Workers.GroupBy(w => w.Device.ToString())
            .Select(g => $"{g.Count()} worker{(g.Count() == 1 ? "" : "s")} x {string.Join("/", g.Select(w => w.Threads).Distinct())} thread{(g.All(w => w.Threads == 1) ? "" : "s")} on {g.Key}");
        return string.Join(", ", byDevice);
    }
}
