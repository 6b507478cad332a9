namespace YtPipe.Core.Download;

/// <summary>What <see cref="DownloadManifest.Record"/> did.</summary>
internal enum ManifestChange
{
    /// <summary>A new row was appended.</summary>
    Appended,
    /// <summary>The item's row was there and the same: nothing was written.</summary>
    Unchanged,
    /// <summary>The item's row was there and differed: the manifest was rewritten with the new row in its place.</summary>
    Replaced,
}
