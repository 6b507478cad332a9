namespace YtPipe.Core.Errors;

/// <summary>A model download failed (network, server); a partial file is kept for the next try to resume.</summary>
public sealed class ModelDownloadException(string name, string url, string reason, Exception? inner = null)
    : YtPipeException($"Downloading the model '{name}' from {url} failed: {reason}", name, inner)
{
    public override string ErrorId => ErrorIds.ModelDownloadFailed;
    public override FailureKind Kind => FailureKind.ConnectionError;
}
