using YtPipe.Core.Errors;

namespace YtPipe.Core.Download;

/// <summary>What failed: a whole source (<see cref="Url"/> null) or one item of it.</summary>
/// <param name="Source">The source.</param>
/// <param name="Url">The item's URL; null when the source itself failed.</param>
/// <param name="Title">The item's title, when known.</param>
/// <param name="Error">The failure, with its stable ErrorId (SourceFailed, DownloadFailed).</param>
public sealed record DownloadFailure(string Source, string? Url, string? Title, YtPipeException Error);
