namespace YtPipe.Core.Reporting;

/// <summary>What an output folder says about the inputs transcribed into it.</summary>
/// <param name="Folder">The folder read.</param>
/// <param name="Entries">One per input, ordered by <see cref="ReportEntry.Name"/> (ordinal).</param>
/// <param name="Problems">Files that could not be read.</param>
public sealed record TranscriptionReport(string Folder, IReadOnlyList<ReportEntry> Entries, IReadOnlyList<ReportProblem> Problems)
{
    /// <summary>The totals of <see cref="Entries"/>.</summary>
    public ReportTotals Totals => ReportTotals.Of(Entries.ToList());
}
