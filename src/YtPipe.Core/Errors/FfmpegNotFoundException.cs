namespace YtPipe.Core.Errors;

/// <summary>ffmpeg or ffprobe is not installed where YtPipe looks for it.</summary>
public sealed class FfmpegNotFoundException(string searched)
    : YtPipeException($"ffmpeg and ffprobe were not found ({searched}).", "ffmpeg")
{
    public override string ErrorId => ErrorIds.FfmpegNotFound;
    public override FailureKind Kind => FailureKind.NotInstalled;
}
