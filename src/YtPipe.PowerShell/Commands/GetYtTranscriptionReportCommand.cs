using System.Management.Automation;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Reporting;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Reports what an output folder holds: one row per input (transcribed or failed), or the totals.</para>
/// <para type="description">Reads the JSON transcripts and YtPipe's records under a folder, however many shards or machines wrote them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "YtTranscriptionReport", DefaultParameterSetName = EntriesSet)]
[OutputType(typeof(TranscriptionReportEntry), ParameterSetName = [EntriesSet])]
[OutputType(typeof(TranscriptionReportSummary), ParameterSetName = [SummarySet])]
// -AsJson's string is not declared: OutputType lists the types that have a view of their own.
public sealed class GetYtTranscriptionReportCommand : PSCmdlet, IDisposable
{
    private const string EntriesSet = "Entries";
    private const string SummarySet = "Summary";
    private const string JsonSet = "Json";

    private readonly List<TranscriptionReport> reports = [];
    private readonly CancellationTokenSource stop = new();

    /// <summary>Output folders to report (the -OutputDirectory of the runs); wildcards allowed. Sub-folders are read too.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "OutputDirectory")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Return one object with the totals instead of a row per input.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    /// <summary>Return the whole report (totals and rows) as one JSON string, for dashboards.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JsonSet)]
    public SwitchParameter AsJson { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var raw in Path)
        {
            var paths = InputPathResolver.Resolve(this, raw, literal: false, out var error);
            if (error is not null) WriteError(error);
            foreach (var folder in paths)
            {
                Read(folder);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (Summary)
        {
            WriteObject(ToSummary());
        }
        else if (AsJson)
        {
            WriteObject(ReportJson.Write(reports));
        }
    }

    private void Read(string folder)
    {
        if (File.Exists(folder))
        {
            WriteError(ErrorRecords.Create(ErrorIds.ReportPathNotFolder, ErrorCategory.InvalidArgument, folder,
                $"'{folder}' is a file; Get-YtTranscriptionReport reads an output folder.",
                "Give the folder the transcripts were written to (the -OutputDirectory of the runs)."));
            return;
        }
        TranscriptionReport? report = null;
        if (!this.NonTerminating(() => report = ReadStoppable(folder)))
        {
            return;
        }
        foreach (var problem in report!.Problems)
        {
            WriteWarning($"'{problem.Path}' is not a readable transcript or record, and is left out: {problem.Message}");
        }
        WriteVerbose($"'{report.Folder}': {report.Entries.Count} inputs.");
        reports.Add(report);
        if (ParameterSetName == EntriesSet)
        {
            foreach (var entry in report.Entries)
            {
                WriteObject(ToEntry(entry));
            }
        }
    }

    // Ctrl+C in a walk of a large folder is a stop, not an error.
    private TranscriptionReport ReadStoppable(string folder)
    {
        try
        {
            return ReportReader.Read(folder, stop.Token);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }

    protected override void StopProcessing() => stop.Cancel();

    /// <summary>Releases the stop signal.</summary>
    public void Dispose() => stop.Dispose();

    private TranscriptionReportSummary ToSummary()
    {
        var totals = ReportTotals.Of(reports.SelectMany(r => r.Entries).ToList());
        return new TranscriptionReportSummary
        {
            Path = reports.Select(r => r.Folder).ToArray(),
            Files = totals.Files,
            Transcribed = totals.Transcribed,
            Failed = totals.Failed,
            Audio = totals.Audio,
            Elapsed = totals.Elapsed,
            Shards = totals.Shards.ToArray(),
            Models = totals.Models.ToArray(),
            Devices = totals.Devices.ToArray(),
            Failures = totals.FailuresByErrorId.Select(p => $"{p.Key}={p.Value}").ToArray(),
            Unreadable = reports.Sum(r => r.Problems.Count),
        };
    }

    private static TranscriptionReportEntry ToEntry(ReportEntry e) => new()
    {
        Name = e.Name,
        InputPath = e.InputPath,
        Status = e.Status == FileStatus.Failed ? TranscriptionStatus.Failed : TranscriptionStatus.Transcribed,
        Language = e.Language,
        Duration = e.Duration,
        Model = e.Model,
        Device = e.Device,
        ComputeType = e.ComputeType,
        Shard = e.Shard,
        Elapsed = e.Elapsed,
        ErrorId = e.ErrorId,
        ErrorMessage = e.ErrorMessage,
        OutputFiles = e.OutputFiles.ToArray(),
        RecordPath = e.RecordPath,
    };
}
