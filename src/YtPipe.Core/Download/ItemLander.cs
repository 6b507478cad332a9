using System.Text.Json;
using YtPipe.Core.Errors;
using YtPipe.Core.Output;

namespace YtPipe.Core.Download;

/// <summary>
/// Takes a file yt-dlp finished in an item's staging folder into the output folder and records it,
/// in the order that makes a crash at any point harmless: the .info.json, then the audio (each by
/// an atomic rename into <c>audio/</c>), then the manifest row, then the archive line. So a file in
/// <c>audio/</c> always has its record beside it, and the archive never names an item that a later
/// run would not find in the manifest.
/// </summary>
internal sealed class ItemLander(string audioDirectory, DownloadManifest manifest, DownloadArchive? archive)
{
    /// <summary>A finished file in a staging folder, checked and with its .info.json read.</summary>
    /// <param name="File">The audio file (full path).</param>
    /// <param name="Extension">Its extension, without the dot.</param>
    /// <param name="InfoFile">Its .info.json (full path).</param>
    /// <param name="Info">What the .info.json says.</param>
    public sealed record StagedFile(string File, string Extension, string InfoFile, InfoJson Info);

    /// <summary>Checks the file yt-dlp reported as finished for <paramref name="url"/>.</summary>
    /// <exception cref="DownloadFailedException">It is outside <paramref name="stagingFolder"/>, missing, has an unusable extension, or has no readable .info.json.</exception>
    public StagedFile Inspect(string url, string stagingFolder, string reportedPath)
    {
        var file = Path.GetFullPath(Path.IsPathRooted(reportedPath) ? reportedPath : Path.Combine(stagingFolder, reportedPath));
        if (!DownloadNaming.IsInside(file, stagingFolder))
        {
            throw new DownloadFailedException(url, $"yt-dlp reported the file '{reportedPath}', outside its staging folder; it was not used");
        }
        if (!File.Exists(file))
        {
            throw new DownloadFailedException(url, $"yt-dlp reported the file '{reportedPath}', which is not there");
        }
        var extension = Path.GetExtension(file).TrimStart('.');
        if (!DownloadNaming.IsSafeExtension(extension))
        {
            throw new DownloadFailedException(url, $"the file yt-dlp wrote has an unusable extension ('{extension}')");
        }
        var infoFile = Path.ChangeExtension(file, ".info.json");
        if (!File.Exists(infoFile))
        {
            throw new DownloadFailedException(url, "yt-dlp wrote no .info.json for it");
        }
        try
        {
            return new StagedFile(file, extension, infoFile, InfoJson.Read(infoFile));
        }
        catch (JsonException e)
        {
            throw new DownloadFailedException(url, $"its .info.json cannot be read: {e.Message}", FailureKind.InvalidData, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotPutInPlace(url, e);
        }
    }

    /// <summary>
    /// Names <paramref name="staged"/>, moves it and its .info.json into place and records it.
    /// <paramref name="index"/> is which file of <paramref name="entry"/> it is, from 1: a page
    /// with several media numbers the ones after the first.
    /// </summary>
    /// <exception cref="DownloadFailedException">Its name would leave the audio folder, or it cannot be put in place or recorded.</exception>
    public DownloadedItem Land(DownloadEntry entry, StagedFile staged, int index)
    {
        var url = entry.Url;
        var info = staged.Info;
        var identity = Identify(entry, info, index);
        var finalAudio = Path.Combine(audioDirectory, $"{identity.FileStem}.{staged.Extension}");
        var finalInfo = Path.Combine(audioDirectory, $"{identity.FileStem}.info.json");
        if (!DownloadNaming.IsInside(finalAudio, audioDirectory) || !DownloadNaming.IsInside(finalInfo, audioDirectory))
        {
            throw new DownloadFailedException(url, $"its name '{identity.FileStem}' would leave '{audioDirectory}'");
        }
        try
        {
            MoveIntoPlace(staged.InfoFile, finalInfo);
            MoveIntoPlace(staged.File, finalAudio);
            var generic = DownloadNaming.IsGeneric(info.ExtractorKey);
            var item = new DownloadedItem
            {
                Id = info.Id,
                Title = info.Title,
                Uploader = info.Uploader,
                // A generic item is the URL it was listed with (a feed's enclosure), not where that redirected.
                WebpageUrl = generic ? url : info.WebpageUrl ?? url,
                Duration = info.Duration,
                UploadDate = info.UploadDate,
                AudioPath = finalAudio,
                InfoJsonPath = finalInfo,
                Source = entry.Source,
                Extractor = info.ExtractorKey,
                ArchiveKey = identity.ArchiveKey,
            };
            manifest.Record(item);
            archive?.Add(identity.ArchiveKey);
            if (index == 1 && identity.ArchiveKey != entry.Identity.ArchiveKey)
            {
                // Listed by URL, landed as a known video: remember the URL too, so the next run skips it without asking the site.
                archive?.Add(entry.Identity.ArchiveKey);
            }
            return item;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotPutInPlace(url, e);
        }
    }

    private DownloadFailedException CannotPutInPlace(string url, Exception e) =>
        new(url, $"it could not be put in place in '{audioDirectory}': {e.Message}", FailureKind.WriteError, e);

    private static ItemIdentity Identify(DownloadEntry entry, InfoJson info, int index)
    {
        if (!DownloadNaming.IsGeneric(info.ExtractorKey))
        {
            return DownloadNaming.ForExtractor(info.ExtractorKey!, info.Id);
        }
        // A generic item is named by the URL it was listed with; a page that held several media numbers the rest.
        var listed = DownloadNaming.IsGeneric(entry.ExtractorKey) ? entry.Identity : DownloadNaming.ForGenericUrl(entry.Url);
        return index == 1 ? listed : new ItemIdentity($"{listed.ArchiveKey}-{index}", $"{listed.FileStem}-{index}");
    }

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> so that <paramref name="to"/> is either
    /// absent or whole: first to a temporary name beside the target (a copy if the staging folder is
    /// on another volume), then an atomic rename over it.
    /// </summary>
    private static void MoveIntoPlace(string from, string to)
    {
        // The transcripts' temporary naming: it fits whenever the final name fits, and names its
        // writer, so a later run's stale-file cleanup knows whether it was abandoned.
        var temp = TempFileName.For(to);
        File.Move(from, temp);
        try
        {
            File.Move(temp, to, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
