namespace YtPipe.Core.Errors;

/// <summary>yt-dlp is not where YtPipe looks for it, or it does not run.</summary>
public sealed class YtDlpNotFoundException(string message, string target)
    : YtPipeException(message, target)
{
    public override string ErrorId => ErrorIds.YtDlpNotFound;
    public override FailureKind Kind => FailureKind.NotInstalled;
}
