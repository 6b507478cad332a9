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

    protected override void BeginProcessing() =>
        StartBatch(OutputDirectory, "Invoke-YtTranscription", deferUntilCounted: true);

    protected override void ProcessRecord()
    {
        foreach (var input in ResolveInputs())
        {
            Submit(input);
        }
        DrainResults();
    }

    protected override void EndProcessing() => FinishBatch();

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
                IEnumerable<TranscriptionInput> inputs;
                try
                {
                    inputs = InputExpander.Expand(path);
                }
                catch (YtPipeException e)
                {
                    WriteError(ErrorRecords.From(e));
                    continue;
                }
                foreach (var input in inputs)
                {
                    yield return input;
                }
            }
        }
    }
}
