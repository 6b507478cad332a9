namespace YtPipe.Tests.Support;

/// <summary>
/// Every wait in the tests is bounded: a defect that loses a wake-up fails the test instead of hanging
/// the run. Generous, because the build machine is small and shared; no test asserts how fast anything is.
/// </summary>
public static class TaskTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static Task OrTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Default);
}
