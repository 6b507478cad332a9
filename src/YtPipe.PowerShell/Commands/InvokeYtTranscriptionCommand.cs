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
public sealed partial class InvokeYtTranscriptionCommand : TranscriptionCommandBase
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

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
        if (StartRemoteShards())
        {
            return;
        }
        // Pipeline input may trickle in (from downloads): hold one file, enough to tell a single
        // file from a batch. Paths enumerate locally and fast: hold one more than there could be
        // workers, so fewer files than workers get the threads of the idle ones.
        StartBatch(OutputDirectory, "Invoke-YtTranscription",
            holdUpTo: MyInvocation.ExpectingInput ? 2 : Math.Max(Environment.ProcessorCount, Workers) + 1);
    }

    protected override void ProcessRecord()
    {
        if (RemoteShards is not null)
        {
            return;
        }
        foreach (var input in ResolveInputs())
        {
            Submit(input);
            // A long folder walk keeps the host's progress and results flowing as it goes.
            DrainResults();
        }
        DrainResults();
    }

    protected override void EndProcessing()
    {
        if (RemoteShards is not null)
        {
            RunRemoteShards();
            return;
        }
        FinishBatch();
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
                IEnumerator<TranscriptionInput>? inputs = null;
                if (!this.NonTerminating(() => inputs = InputExpander.Expand(path, StopToken).GetEnumerator()))
                {
                    continue;
                }
                using (inputs!)
                {
                    while (NextInput(inputs!))
                    {
                        yield return inputs!.Current;
                    }
                }
            }
        }
    }
}
