using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using YtPipe.Core.Models;

namespace YtPipe.PowerShell.Hosting;

/// <summary>What the model commands share: ModelInfo objects, the token, and a download run on the pipeline thread.</summary>
internal static class ModelCommands
{
    /// <summary>Variables that may hold a token, in order.</summary>
    public static readonly string[] TokenVariables = ["YTPIPE_MODEL_TOKEN", "HF_TOKEN"];

    public static ModelInfo FromEntry(ModelCatalogEntry entry, string folder)
    {
        var path = Path.Combine(folder, entry.FileName);
        var file = new FileInfo(path);
        return new ModelInfo
        {
            Name = entry.Name,
            Kind = entry.Kind,
            Precision = entry.Kind == "whisper" ? entry.Precision : "-",
            Languages = entry.Kind != "whisper" ? "-" : entry.IsEnglishOnly ? "en" : "multilingual",
            SizeMiB = file.Exists ? file.Length >> 20 : entry.SizeMiB,
            Installed = file.Exists,
            Path = path,
            InCatalog = true,
            Sha1 = entry.Sha1,
            Url = entry.Url.ToString(),
        };
    }

    public static ModelInfo FromFile(FileInfo file) => new()
    {
        Name = ModelLocator.NameOf(file.FullName),
        Precision = ModelVariants.PrecisionOf(ModelLocator.NameOf(file.FullName)),
        Languages = ModelLocator.NameOf(file.FullName).Contains(".en", StringComparison.Ordinal) ? "en" : "multilingual",
        SizeMiB = file.Length >> 20,
        Installed = true,
        Path = file.FullName,
        InCatalog = false,
    };

    /// <summary>The token: the parameter, else the first variable that is set. Never written anywhere.</summary>
    public static string? Token(SecureString? parameter)
    {
        if (parameter is not null)
        {
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(parameter);
            try { return Marshal.PtrToStringUni(ptr); }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
        }
        return TokenVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
    }

    /// <summary>
    /// Downloads on a worker task while the pipeline thread writes its progress and verbose lines;
    /// returns the model's path. Engine errors surface as they are, for the caller to map.
    /// </summary>
    public static string Download(PSCmdlet cmdlet, ModelCatalogEntry entry, string folder, bool force, string? token, int activityId, CancellationToken cancellationToken)
    {
        var latest = new LatestProgress();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var task = Task.Run(() => new ModelDownloader().DownloadAsync(entry, folder, force, token, latest, lines.Enqueue, cancellationToken), cancellationToken);
        var activity = $"Downloading model {entry.Name}";
        var shown = false;
        // WaitAny, not Wait: it returns on completion without throwing, so GetResult below rethrows the engine's own exception.
        while (Task.WaitAny([task], TimeSpan.FromMilliseconds(200)) < 0)
        {
            Flush(cmdlet, lines);
            if (latest.Value is { } p)
            {
                cmdlet.WriteProgress(Record(activityId, activity, p));
                shown = true;
            }
            if (cmdlet.Stopping)
            {
                throw new PipelineStoppedException();
            }
        }
        Flush(cmdlet, lines);
        if (shown)
        {
            cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C may end the download before the loop above sees Stopping: still a stop, not an error.
            throw new PipelineStoppedException();
        }
    }

    private static void Flush(PSCmdlet cmdlet, System.Collections.Concurrent.ConcurrentQueue<string> lines)
    {
        while (lines.TryDequeue(out var line))
        {
            cmdlet.WriteVerbose(line);
        }
    }

    private static ProgressRecord Record(int id, string activity, ModelDownloadProgress p)
    {
        var mib = p.Bytes / 1048576.0;
        var status = p.Total is { } total
            ? $"{mib:0.0} of {total / 1048576.0:0.0} MiB at {p.BytesPerSecond / 1048576.0:0.0} MiB/s"
            : $"{mib:0.0} MiB at {p.BytesPerSecond / 1048576.0:0.0} MiB/s";
        return new ProgressRecord(id, activity, status)
        {
            PercentComplete = p.Total is { } t && t > 0 ? (int)Math.Min(100, p.Bytes * 100 / t) : -1,
            SecondsRemaining = p.Remaining is { } r ? (int)Math.Ceiling(r.TotalSeconds) : -1,
        };
    }

    /// <summary>Keeps only the newest report: the pipeline thread shows it at its own pace.</summary>
    private sealed class LatestProgress : IProgress<ModelDownloadProgress>
    {
        private ModelDownloadProgress? value;

        public ModelDownloadProgress? Value => Volatile.Read(ref value);

        public void Report(ModelDownloadProgress p) => Volatile.Write(ref value, p);
    }
}
