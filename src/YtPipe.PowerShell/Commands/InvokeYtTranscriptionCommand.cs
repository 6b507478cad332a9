using System.Management.Automation;
using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Transcribes audio and video files locally with Whisper.</para>
/// <para type="description">Decodes each file with ffmpeg, transcribes it with whisper.cpp and writes the transcripts atomically.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "YtTranscription", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(TranscriptionResult))]
public sealed class InvokeYtTranscriptionCommand : TranscriptionCommandBase
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    // With parameters rather than the pipeline, the inputs stream from one enumeration that
    // BeginProcessing starts: it peeks at the first few only, enough for the plan to give a single
    // file (or fewer files than workers) every thread, and never lists a large tree up front.
    private IEnumerator<TranscriptionInput>? resolving;
    private List<TranscriptionInput>? peeked;

    /// <summary>Files or folders to transcribe; wildcards are allowed. A folder means its media files, recursively.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Files or folders to transcribe, taken exactly as written (no wildcards). Binds FullName, PSPath and AudioPath of piped objects.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName", "AudioPath")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Folder for the transcripts (created if missing). A folder input keeps its sub-folders there. Default: beside each input.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    protected override void BeginProcessing()
    {
        int? fileCount = null;
        if (!MyInvocation.ExpectingInput)
        {
            // The plan only narrows itself for fewer files than workers, and workers never outnumber
            // the cores (or -Workers): one more than that tells "many" from an exact count.
            var limit = Math.Max(Environment.ProcessorCount, Workers) + 1;
            resolving = ResolveInputs().GetEnumerator();
            peeked = [];
            while (peeked.Count < limit && resolving.MoveNext())
            {
                peeked.Add(resolving.Current);
            }
            fileCount = peeked.Count < limit ? peeked.Count : null;
        }
        StartBatch(OutputDirectory, fileCount, "Invoke-YtTranscription");
    }

    protected override void ProcessRecord()
    {
        if (resolving is null)
        {
            Submit(ResolveInputs());
            return;
        }
        Submit(peeked!);
        peeked = null;
        Submit(Remaining(resolving));
        resolving.Dispose();
        resolving = null;
    }

    protected override void EndProcessing() => FinishBatch();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            resolving?.Dispose();
            resolving = null;
        }
        base.Dispose(disposing);
    }

    private void Submit(IEnumerable<TranscriptionInput> inputs)
    {
        foreach (var input in inputs)
        {
            Submit(input);
            // A long folder walk keeps the host's progress and results flowing as it goes.
            Pump!.DrainAvailable();
        }
        Pump!.DrainAvailable();
    }

    private static IEnumerable<TranscriptionInput> Remaining(IEnumerator<TranscriptionInput> enumerator)
    {
        while (enumerator.MoveNext())
        {
            yield return enumerator.Current;
        }
    }

    // Ctrl+C during a folder walk is a stop, not an error.
    private static bool NextInput(IEnumerator<TranscriptionInput> inputs)
    {
        try
        {
            return inputs.MoveNext();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>The files of -Path or -LiteralPath; bad paths are written as errors and left out.</summary>
    private IEnumerable<TranscriptionInput> ResolveInputs()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var raw in literal ? LiteralPath : Path)
        {
            var paths = InputPathResolver.Resolve(this, raw, literal, out var error);
            if (error is not null)
            {
                WriteError(error);
            }
            foreach (var path in paths)
            {
                IEnumerator<TranscriptionInput> inputs;
                try
                {
                    inputs = InputExpander.Expand(path, StopToken).GetEnumerator();
                }
                catch (YtPipeException e)
                {
                    WriteError(ErrorRecords.From(e));
                    continue;
                }
                using (inputs)
                {
                    while (NextInput(inputs))
                    {
                        yield return inputs.Current;
                    }
                }
            }
        }
    }
}
