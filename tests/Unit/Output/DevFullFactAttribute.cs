namespace YtPipe.Tests.Output;

/// <summary>A fact that writes to /dev/full (every write fails with ENOSPC); reported as skipped where there is none.</summary>
public sealed class DevFullFactAttribute : FactAttribute
{
    public DevFullFactAttribute()
    {
        if (!File.Exists("/dev/full"))
        {
            Skip = "needs /dev/full";
        }
    }
}
