using YtPipe.Core.Batch;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Batch;

public sealed class PendingQueueTests
{
    private readonly PendingQueue<string> queue = new();

    [Fact]
    public async Task Take_GivesTheLongestFirst_TiesInArrivalOrder()
    {
        queue.Add("short", TimeSpan.FromSeconds(1));
        queue.Add("long-first", TimeSpan.FromSeconds(3));
        queue.Add("middle", TimeSpan.FromSeconds(2));
        queue.Add("long-second", TimeSpan.FromSeconds(3));
        queue.Complete();

        var taken = new List<string>();
        while (await queue.TakeAsync(CancellationToken.None).OrTimeout() is (true, var item))
        {
            taken.Add(item);
        }

        Assert.Equal(new[] { "long-first", "long-second", "middle", "short" }, taken);
    }

    [Fact]
    public async Task Take_WaitsForAnAdd()
    {
        var take = queue.TakeAsync(CancellationToken.None);
        Assert.False(take.IsCompleted);

        queue.Add("late", TimeSpan.FromSeconds(1));

        Assert.Equal((true, "late"), await take.OrTimeout());
    }

    [Fact]
    public async Task Take_AfterCompleteWhenEmpty_SaysNoMore()
    {
        queue.Complete();

        var (ok, _) = await queue.TakeAsync(CancellationToken.None).OrTimeout();

        Assert.False(ok);
    }

    [Fact]
    public async Task Complete_WakesEveryWaiter()
    {
        var takes = Enumerable.Range(0, 3).Select(_ => queue.TakeAsync(CancellationToken.None)).ToArray();

        queue.Complete();

        Assert.All(await Task.WhenAll(takes).OrTimeout(), t => Assert.False(t.Ok));
    }

    [Fact]
    public void Add_AfterComplete_IsRefused()
    {
        queue.Complete();

        Assert.Throws<InvalidOperationException>(() => queue.Add("late", TimeSpan.Zero));
    }

    [Fact]
    public async Task Take_IsCancellable()
    {
        using var cts = new CancellationTokenSource();
        var take = queue.TakeAsync(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take.OrTimeout());
    }
}
