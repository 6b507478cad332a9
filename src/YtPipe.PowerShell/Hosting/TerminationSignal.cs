using System.Runtime.InteropServices;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// Gives SIGTERM (a service manager, Slurm or <c>kill</c> stopping a scheduled job) what Ctrl+C
/// gets: the command's work is cancelled and given a few seconds to end cleanly (yt-dlp killed,
/// staging folders removed, no transcript cut in the middle of its write); then the runtime's own
/// handling goes on and the process exits with 143, as the sender expects. Without it .NET exits
/// at once and leaves temporary files and orphaned child processes behind.
/// </summary>
internal static class TerminationSignal
{
    /// <summary>How long the work may take to end before the process exits anyway.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    /// <summary>Until the result is disposed, SIGTERM calls <paramref name="cancel"/> and waits for <paramref name="running"/>.</summary>
    /// <param name="cancel">Cancels the command's work (what StopProcessing does).</param>
    /// <param name="running">The tasks that end when the work has ended, read when the signal comes.</param>
    public static IDisposable? Register(Action cancel, Func<IEnumerable<Task?>> running)
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ =>
            {
                cancel();
                var tasks = running().OfType<Task>().ToArray();
                try
                {
                    Task.WaitAll(tasks, Grace);
                }
                catch (AggregateException)
                {
                    // The work ended, some of it by failing or being cancelled: that is what was asked.
                }
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }
}
