using System.Management.Automation;
using YtPipe.Core.Errors;

namespace YtPipe.PowerShell.Hosting;

/// <summary>
/// The one way a cmdlet runs engine code: an engine failure (<see cref="YtPipeException"/>) becomes
/// its ErrorRecord (<see cref="ErrorRecords.From"/>), terminating for what ends the command or
/// written for what fails one item; Ctrl+C that cancels the work is a stop, never an error.
/// </summary>
internal static class EngineCall
{
    /// <summary>Runs <paramref name="work"/>; a failure ends the command with one terminating error.</summary>
    public static void Terminating(this PSCmdlet cmdlet, Action work) =>
        cmdlet.Terminating(() => { work(); return true; });

    /// <summary>Runs <paramref name="work"/> and returns its value; a failure ends the command with one terminating error.</summary>
    public static T Terminating<T>(this PSCmdlet cmdlet, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (YtPipeException e)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.From(e));
            throw; // not reached: ThrowTerminatingError always throws
        }
        catch (OperationCanceledException) when (cmdlet.Stopping)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs <paramref name="work"/> for one item; a failure is written as a non-terminating error and false is returned.</summary>
    public static bool NonTerminating(this PSCmdlet cmdlet, Action work)
    {
        try
        {
            work();
            return true;
        }
        catch (YtPipeException e)
        {
            cmdlet.WriteError(ErrorRecords.From(e));
            return false;
        }
        catch (OperationCanceledException) when (cmdlet.Stopping)
        {
            throw new PipelineStoppedException();
        }
    }
}
