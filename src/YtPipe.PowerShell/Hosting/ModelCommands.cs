using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading.Channels;
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

    public static string Download(PSCmdlet cmdlet, ModelCatalogEntry entry, string folder, bool force, string? token, int activityId, CancellationToken cancellationToken)
    {
        var latest = new LatestProgress();
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var task = Task.Run(() => new ModelDownloader().DownloadAsync(entry, folder, force, token, latest, line => lines.Writer.TryWrite(line), cancel.Token), cancel.Token);
        _ = task.ContinueWith(_ => lines.Writer.TryComplete(), TaskScheduler.Default);
        new ModelDownloadPump(cmdlet, lines.Reader, cancel.Cancel, () => latest.Value, $"Downloading model {entry.Name}", activityId).DrainToEnd();
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl+C may end the download before the pump sees Stopping: still a stop, not an error.
            throw new PipelineStoppedException();
        }
    }

    private sealed class LatestProgress : IProgress<ModelDownloadProgress>
    {
        private ModelDownloadProgress? value;

        public ModelDownloadProgress? Value => Volatile.Read(ref value);

        public void Report(ModelDownloadProgress p) => Volatile.Write(ref value, p);
    }
}
