using System.Diagnostics;
using System.Management.Automation;
using System.Threading.Channels;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// The one way engine events reach PowerShell, the shape of ForEach-Object -Parallel: workers post
/// events to a channel, and only the pipeline thread drains it and writes (WriteObject, WriteError,
/// WriteVerbose, WriteProgress). Draining between pipeline inputs lets results stream; draining to
/// the end waits on the channel, not on a timer. A downstream command that wants no more
/// (<c>Select-Object -First 1</c>), or a flow-control statement, cancels the engine's work before
/// it goes up the pipeline. Subclasses say what an event means and how progress looks.
/// </summary>
/// <typeparam name="TEvent">The engine's event type.</typeparam>
internal abstract class EventPump<TEvent>
{
    private readonly ChannelReader<TEvent> events;
    private readonly Action cancel;
    private readonly int pipelineThread = Environment.CurrentManagedThreadId;
    private readonly Stopwatch sinceProgress = Stopwatch.StartNew();

    /// <param name="cmdlet">The command that writes; the pump must be made on its pipeline thread.</param>
    /// <param name="events">The engine's events.</param>
    /// <param name="cancel">Stops the engine's work.</param>
    protected EventPump(PSCmdlet cmdlet, ChannelReader<TEvent> events, Action cancel)
    {
        Cmdlet = cmdlet;
        this.events = events;
        this.cancel = cancel;
    }

    /// <summary>The command that writes.</summary>
    protected PSCmdlet Cmdlet { get; }

    /// <summary>Writes whatever is ready, without waiting: called between pipeline inputs so results stream.</summary>
    public void DrainAvailable()
    {
        if (Environment.CurrentManagedThreadId != pipelineThread)
        {
            // Write* from any other thread corrupts the host or throws later, far from the cause.
            throw new InvalidOperationException("An event pump was drained off the pipeline thread.");
        }
        try
        {
            while (events.TryRead(out var e))
            {
                Handle(e);
            }
            if (sinceProgress.Elapsed >= EventWaiter.Interval)
            {
                sinceProgress.Restart();
                ShowProgress();
            }
        }
        catch (Exception e) when (e is PipelineStoppedException or FlowControlException)
        {
            cancel();
            throw;
        }
    }

    /// <summary>Writes everything until the engine has posted its last event, then closes the progress bars.</summary>
    public void DrainToEnd()
    {
        try
        {
            EventWaiter.DrainUntil(Cmdlet, events.Completion, DrainAvailable, () => events.WaitToReadAsync());
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C seen while waiting: the engine's work stops with the command.
            cancel();
            throw;
        }
        CompleteProgress();
    }

    /// <summary>Writes one event.</summary>
    protected abstract void Handle(TEvent e);

    /// <summary>Redraws the progress bars (throttled by the pump).</summary>
    protected abstract void ShowProgress();

    /// <summary>Closes the progress bars this pump showed.</summary>
    protected abstract void CompleteProgress();
}
