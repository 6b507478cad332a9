using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Models;

/// <summary>
/// Downloads a catalog model into the model folder so that the model's final name only ever holds
/// the verified file: bytes go to <c>ggml-NAME.bin.partial</c> (kept when the network fails, and
/// resumed with an HTTP Range request next time), the SHA-1 is checked (a mismatch deletes the
/// file), the header is checked, then the file is renamed into place. A lock file makes two
/// processes that want the same model download it once: the second waits and finds it installed.
/// The system proxy is used (HTTP(S)_PROXY on Linux and macOS, the system setting on Windows).
/// </summary>
public sealed class ModelDownloader(HttpClient? http = null)
{
    /// <summary>A transfer that delivers no byte for this long is given up (the partial file stays).</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    private readonly HttpClient http = http ?? SharedClient;

    /// <summary>Downloads <paramref name="entry"/> into <paramref name="folder"/> and returns the model's path.</summary>
    /// <param name="entry">What to download.</param>
    /// <param name="folder">The model folder.</param>
    /// <param name="force">Download again even if the model is installed.</param>
    /// <param name="token">A bearer token for mirrors that need one; never logged.</param>
    /// <param name="progress">Receives progress from the transfer.</param>
    /// <param name="log">Receives lines for the verbose stream.</param>
    /// <param name="cancellationToken">Stops the download; the partial file stays for a resume.</param>
    public async Task<string> DownloadAsync(ModelCatalogEntry entry, string folder, bool force, string? token,
        IProgress<ModelDownloadProgress>? progress, Action<string>? log, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFolderNotWritableException(folder, e) { Fix = $"Point ${ModelLocator.ModelDirVariable} at a folder you can write." };
        }
        var target = Path.Combine(folder, entry.FileName);
        var partial = target + ".partial";
        using var fileLock = await AcquireLockAsync(target + ".lock", entry.Name, log, cancellationToken).ConfigureAwait(false);
        if (File.Exists(target) && !force)
        {
            log?.Invoke($"{entry.Name} is installed: {target}.");
            return target;
        }
        await TransferAsync(entry, partial, token, progress, log, cancellationToken).ConfigureAwait(false);
        Verify(entry, partial, log);
        File.Move(partial, target, overwrite: true);
        log?.Invoke($"Installed {entry.Name}: {target}.");
        return target;
    }

    private async Task TransferAsync(ModelCatalogEntry entry, string partial, string? token,
        IProgress<ModelDownloadProgress>? progress, Action<string>? log, CancellationToken cancellationToken)
    {
        var url = entry.Url.ToString();
        long have;
        FileStream file;
        try
        {
            // Unbuffered (bufferSize 1): every chunk is written as it comes, so a full disk fails the
            // write that caused it rather than a later flush.
            file = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, useAsync: true);
            have = file.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFolderNotWritableException(Path.GetDirectoryName(partial)!, e);
        }
        await using var _ = file.ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, entry.Url);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            log?.Invoke($"Resuming {entry.Name} at {have:N0} bytes from {url}.");
        }
        else
        {
            log?.Invoke($"Downloading {entry.Name} (about {entry.SizeMiB} MiB) from {url}{(token is null ? "" : " with a token")}.");
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ModelDownloadException(entry.Name, url, e.Message, e)
            {
                Fix = $"Check the network (and the proxy settings), then run the command again: the download resumes. Or put {entry.FileName} into '{Path.GetDirectoryName(partial)}' yourself.",
            };
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                // The partial file is as long as (or longer than) the model: start over.
                file.SetLength(0);
                throw new ModelDownloadException(entry.Name, url, "the server refused to resume (416); the partial file was cleared, run the command again");
            }
            if (!response.IsSuccessStatusCode)
            {
                var fix = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? $"The server wants a token: give it with {HostWording.Option("Token")}, or set the YTPIPE_MODEL_TOKEN environment variable."
                    : response.StatusCode == HttpStatusCode.NotFound ? $"Check the model name and ${ModelCatalog.BaseUrlVariable}." : null;
                throw new ModelDownloadException(entry.Name, url, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}") { Fix = fix };
            }
            if (have > 0 && response.StatusCode != HttpStatusCode.PartialContent)
            {
                log?.Invoke("The server does not resume downloads; starting over.");
                file.SetLength(0);
                have = 0;
            }
            file.Seek(have, SeekOrigin.Begin);
            long? total = response.Content.Headers.ContentLength is { } length ? length + have : null;
            await CopyAsync(entry, url, response, file, have, total, progress, cancellationToken).ConfigureAwait(false);
            if (total is { } expected && file.Length != expected)
            {
                throw new ModelDownloadException(entry.Name, url, $"the transfer ended at {file.Length:N0} of {expected:N0} bytes; run the command again to resume");
            }
        }
    }

    private static async Task CopyAsync(ModelCatalogEntry entry, string url, HttpResponseMessage response, FileStream file,
        long have, long? total, IProgress<ModelDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var clock = Stopwatch.StartNew();
        long received = 0;
        var lastReport = TimeSpan.Zero;
        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ModelDownloadException(entry.Name, url, e.Message, e);
        }
        await using var _ = body.ConfigureAwait(false);
        while (true)
        {
            int read;
            using (var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                stall.CancelAfter(StallTimeout);
                try
                {
                    read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ModelDownloadException(entry.Name, url, $"no data for {StallTimeout.TotalSeconds:0} s; run the command again to resume");
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new ModelDownloadException(entry.Name, url, $"the connection broke after {have + received:N0} bytes ({e.Message}); run the command again to resume", e);
                }
            }
            if (read == 0)
            {
                break;
            }
            try
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (DiskFullException.IsDiskFull(e))
            {
                throw new DiskFullException(file.Name, e) { Fix = "Free some disk space (or point $env:YTPIPE_MODEL_DIR at another disk) and run the command again: the download resumes." };
            }
            received += read;
            if (clock.Elapsed - lastReport > TimeSpan.FromMilliseconds(100))
            {
                lastReport = clock.Elapsed;
                progress?.Report(new ModelDownloadProgress(entry.Name, have + received, total, received / Math.Max(0.001, clock.Elapsed.TotalSeconds)));
            }
        }
        progress?.Report(new ModelDownloadProgress(entry.Name, have + received, total, received / Math.Max(0.001, clock.Elapsed.TotalSeconds)));
    }

    private static void Verify(ModelCatalogEntry entry, string partial, Action<string>? log)
    {
        if (entry.Sha1 is { } expected)
        {
            string actual;
            using (var stream = File.OpenRead(partial))
            {
                actual = Convert.ToHexString(SHA1.HashData(stream)).ToLowerInvariant();
            }
            if (actual != expected)
            {
                File.Delete(partial);
                throw new ModelChecksumException(entry.Name, expected, actual)
                {
                    Fix = "Run the command again; if it fails again, the mirror serves another file than the catalog names.",
                };
            }
            log?.Invoke($"SHA-1 of {entry.Name} verified ({actual}).");
        }
        if (entry.Kind != "whisper")
        {
            return;
        }
        try
        {
            GgmlModelInfo.Read(partial);
            if (entry.Sha1 is null)
            {
                log?.Invoke($"whisper.cpp publishes no checksum for {entry.Name}; its header was checked instead.");
            }
        }
        catch (ModelInvalidException)
        {
            File.Delete(partial);
            throw;
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string lockPath, string name, Action<string>? log, CancellationToken cancellationToken)
    {
        var told = false;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                if (!told)
                {
                    log?.Invoke($"Another process is downloading {name}; waiting for it.");
                    told = true;
                }
                // Another process holds the lock: there is no event to wait on across processes.
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
