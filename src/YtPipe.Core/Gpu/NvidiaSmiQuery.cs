using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace YtPipe.Core.Gpu;

/// <summary>
/// Lists NVIDIA GPUs with <c>nvidia-smi --query-gpu=... --format=csv,noheader,nounits</c>. The
/// executable is <c>$YTPIPE_NVIDIA_SMI</c> when set, else the first <c>nvidia-smi</c> on PATH. A
/// machine without one, or a driver that fails or hangs (5 s), has no GPUs: that is not an error.
/// </summary>
public static class NvidiaSmiQuery
{
    /// <summary>The environment variable that names the nvidia-smi executable.</summary>
    public const string ExecutableVariable = "YTPIPE_NVIDIA_SMI";

    /// <summary>The fields asked for, in the order they are parsed.</summary>
    public const string Fields = "index,name,memory.total,memory.free,uuid,pci.bus_id,driver_version";

    /// <summary>How long nvidia-smi may take before it is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Asks nvidia-smi.</summary>
    public static async Task<GpuQueryResult> QueryAsync(CancellationToken cancellationToken = default)
    {
        var exe = FindExecutable();
        if (exe is null)
        {
            return new GpuQueryResult([], "nvidia-smi was not found on PATH (no NVIDIA driver?)");
        }
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--query-gpu={Fields}");
        start.ArgumentList.Add("--format=csv,noheader,nounits");
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new GpuQueryResult([], $"nvidia-smi ('{exe}') could not be started: {e.Message}");
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            cancellationToken.ThrowIfCancellationRequested();
            return new GpuQueryResult([], $"nvidia-smi ('{exe}') did not answer within {Timeout.TotalSeconds:0} s and was stopped");
        }
        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var error = (await stderr.ConfigureAwait(false)).Trim();
            var said = string.IsNullOrEmpty(error) ? output.Trim() : error;
            return new GpuQueryResult([], $"nvidia-smi ('{exe}') failed with exit code {process.ExitCode}: {said}");
        }
        return new GpuQueryResult(Parse(output), null);
    }

    /// <summary>Parses nvidia-smi's CSV lines; lines that do not fit are left out.</summary>
    public static IReadOnlyList<GpuInfo> Parse(string csv)
    {
        var gpus = new List<GpuInfo>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length != 7 || !int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }
            gpus.Add(new GpuInfo(index, f[1], Number(f[2]), Number(f[3]), Text(f[4]), Text(f[5]), Text(f[6])));
        }
        return gpus;
    }

    // nvidia-smi writes "[N/A]", "[Not Supported]" or "[Insufficient Permissions]" for what it cannot tell.
    private static string? Text(string field) => field.StartsWith('[') || field.Length == 0 ? null : field;

    private static long? Number(string field) =>
        long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "nvidia-smi.exe" : "nvidia-smi";
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
