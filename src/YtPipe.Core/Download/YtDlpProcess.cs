using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace YtPipe.Core.Download;

/// <summary>
/// Runs a child process with an argument list (never through a shell) and hands over its output
/// line by line. Cancellation kills the whole process tree (yt-dlp may run ffmpeg), then waits
/// for it to be gone, so nothing it started outlives the call.
/// </summary>
internal static class YtDlpProcess
{
    /// <summary>How long to wait for a killed tree to be reaped before giving up on it.</summary>
    public static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="executable"/> to its end.</summary>
    /// <param name="executable">The program.</param>
    /// <param name="arguments">Its arguments, one element each.</param>
    /// <param name="workingDirectory">Its working directory; null for the current one.</param>
    /// <param name="onStdout">Called for each stdout line, in order; awaited, so a slow reader holds the process back.</param>
    /// <param name="onStderr">Called for each stderr line, in order, from another thread.</param>
    /// <param name="cancellationToken">Kills the process tree.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; the tree is gone by then.</exception>
    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static async Task<int> RunAsync(string executable, IEnumerable<string> arguments, string? workingDirectory,
        Func<string, ValueTask> onStdout, Action<string> onStderr, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        // yt-dlp is Python: unbuffered so each line arrives when written, UTF-8 whatever the console says.
        start.Environment["PYTHONUNBUFFERED"] = "1";
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        cancellationToken.ThrowIfCancellationRequested();
        using var process = new Process { StartInfo = start };
        process.Start();
        // Nothing is ever typed into it: a prompt (a keyring password) gets end-of-file instead of hanging.
        process.StandardInput.Close();
        using var registration = cancellationToken.Register(() => KillTree(process));
        var stderr = Task.Run(async () =>
        {
            var reader = new LineReader(process.StandardError);
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onStderr(line);
            }
        }, CancellationToken.None);
        try
        {
            var reader = new LineReader(process.StandardOutput);
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await onStdout(line).ConfigureAwait(false);
            }
            await stderr.ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // The reader failed or gave up (a cancelled channel write): the process must not outlive it.
            KillTree(process);
            await WaitGoneAsync(process).ConfigureAwait(false);
            throw;
        }
        if (cancellationToken.IsCancellationRequested)
        {
            await WaitGoneAsync(process).ConfigureAwait(false);
            throw new OperationCanceledException(cancellationToken);
        }
        return process.ExitCode;
    }

    /// <summary>Kills <paramref name="process"/> and every process it started; quiet when it has already exited.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited already, or never started.
        }
        catch (Win32Exception)
        {
            // A descendant vanished while the tree was walked; the rest was still killed.
        }
    }

    private static async Task WaitGoneAsync(Process process)
    {
        try
        {
            using var wait = new CancellationTokenSource(KillWait);
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // It would not die within KillWait; nothing more can be done from here.
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>
    /// Splits on '\n' only and drops '\r': yt-dlp writes "ERROR: \r[download] Got error: ..." (the
    /// carriage return clears a progress bar on a terminal), which TextReader.ReadLine would cut in two.
    /// </summary>
    private sealed class LineReader(StreamReader reader)
    {
        private readonly char[] buffer = new char[4096];
        private readonly StringBuilder line = new();
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync()
        {
            while (true)
            {
                for (; start < end; start++)
                {
                    var c = buffer[start];
                    if (c == '\n')
                    {
                        start++;
                        var text = line.ToString();
                        line.Clear();
                        return text;
                    }
                    if (c != '\r')
                    {
                        line.Append(c);
                    }
                }
                start = 0;
                end = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (end == 0)
                {
                    if (line.Length == 0)
                    {
                        return null;
                    }
                    var last = line.ToString();
                    line.Clear();
                    return last;
                }
            }
        }
    }
}
