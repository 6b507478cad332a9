using System.Management.Automation;
using YtPipe.Core.Output;
using YtPipe.PowerShell.Hosting;

namespace YtPipe.PowerShell.Commands;

/// <summary>
/// Writes SRT, VTT or TXT from existing JSON transcripts under new layout options: no model, no audio,
/// atomically, beside each transcript or in -OutputDirectory.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "YtSubtitle", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(SubtitleFile))]
public sealed class ConvertToYtSubtitleCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>JSON transcripts to convert; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>JSON transcripts, taken exactly as written. Binds FullName and PSPath of piped files.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>The formats to write: Srt, Vtt, Txt. Default: Srt.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateSet("Srt", "Vtt", "Txt", IgnoreCase = true)]
    public string[] Format { get; set; } = ["Srt"];

    /// <summary>The most characters on one subtitle line. Default 42.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxLineWidth { get; set; } = SubtitleLayoutOptions.Default.MaxLineWidth;

    /// <summary>The most lines in one cue. Default 2.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int MaxLineCount { get; set; } = SubtitleLayoutOptions.Default.MaxLineCount;

    /// <summary>Where the files go. Default: beside each transcript.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>Replace files that exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var raw in literal ? LiteralPath : Path)
        {
            var paths = InputPathResolver.Resolve(this, raw, literal, out var error);
            if (error is not null) WriteError(error);
            foreach (var path in paths)
            {
                Convert(path);
            }
        }
    }

    private void Convert(string jsonPath)
    {
        var folder = OutputDirectory is null
            ? System.IO.Path.GetDirectoryName(jsonPath)!
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        var name = System.IO.Path.GetFileNameWithoutExtension(jsonPath);
        var formats = Format.Select(f => Enum.Parse<OutputFormat>(f, ignoreCase: true)).Distinct().ToList();
        var targets = formats.ToDictionary(f => f, f => System.IO.Path.Combine(folder, name + TranscriptWriters.Extension(f)));
        var toWrite = new List<OutputFormat>();
        foreach (var format in formats)
        {
            var target = targets[format];
            if (File.Exists(target) && !Force)
            {
                WriteVerbose($"Skipped '{target}': it exists (use -Force to replace it).");
            }
            else if (ShouldProcess(target, $"Write {format} from '{jsonPath}'"))
            {
                toWrite.Add(format);
            }
        }
        if (toWrite.Count == 0) return;
        var layout = new SubtitleLayoutOptions { MaxLineWidth = MaxLineWidth, MaxLineCount = MaxLineCount };
        IReadOnlyList<string> written = [];
        if (!this.NonTerminating(() =>
            {
                var transcript = JsonTranscriptReader.Read(jsonPath);
                Directory.CreateDirectory(folder);
                written = TranscriptFiles.Write(targets, toWrite, transcript, Force, layout);
            }))
        {
            return;
        }
        foreach (var format in toWrite.Where(f => written.Contains(targets[f])))
        {
            WriteObject(new SubtitleFile
            {
                Path = targets[format],
                Format = format.ToString(),
                TranscriptPath = jsonPath,
                MaxLineWidth = MaxLineWidth,
                MaxLineCount = MaxLineCount,
            });
        }
    }
}
