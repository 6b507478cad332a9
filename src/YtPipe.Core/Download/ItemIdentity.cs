namespace YtPipe.Core.Download;

/// <summary>
/// Who an item is, for the archive and the file system: <see cref="ArchiveKey"/> is its line in
/// downloaded.txt (yt-dlp's <c>extractor id</c> form) and <see cref="FileStem"/> its file name
/// under audio/ without the extension. Different items never share either.
/// </summary>
/// <param name="ArchiveKey">Such as <c>youtube dQw4w9WgXcQ</c> or <c>generic episode-1a2b3c4d</c>.</param>
/// <param name="FileStem">Such as <c>dQw4w9WgXcQ</c> or <c>episode-1a2b3c4d</c>: safe on every file system.</param>
internal sealed record ItemIdentity(string ArchiveKey, string FileStem);
