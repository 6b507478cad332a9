using YtPipe.Core.Batch;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Batch;

public sealed class DecodeBudgetTests
{
    [Fact]
    public async Task ASecondDecode_WaitsUntilTheFirstIsReleased()
    {
        var budget = new DecodeBudget(100);
        var first = await budget.AcquireAsync(70, CancellationToken.None).OrTimeout();

        var second = budget.AcquireAsync(70, CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Equal(70, budget.HeldBytes);

        first.Dispose();
        using var lease = await second.OrTimeout();
        Assert.Equal(70, budget.HeldBytes);
    }

    [Fact]
    public async Task FilesThatFitTogether_DoNotWait()
    {
        var budget = new DecodeBudget(100);
        using var first = await budget.AcquireAsync(40, CancellationToken.None).OrTimeout();

        var second = budget.AcquireAsync(60, CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
    }

    [Fact]
    public async Task AFileLargerThanTheBudget_GoesAlone_AndTheNextWaitsForIt()
    {
        var budget = new DecodeBudget(100);

        var huge = await budget.AcquireAsync(250, CancellationToken.None).OrTimeout();
        var small = budget.AcquireAsync(1, CancellationToken.None);

        Assert.Equal(250, budget.HeldBytes);
        Assert.False(small.IsCompleted);
        huge.Dispose();
        using var lease = await small.OrTimeout();
        Assert.Equal(1, budget.HeldBytes);
    }

    [Fact]
    public async Task ALeaseResizedToWhatWasDecoded_ReleasesThatMuch_Once()
    {
        var budget = new DecodeBudget(100);
        var lease = await budget.AcquireAsync(30, CancellationToken.None).OrTimeout();

        lease.Resize(45);
        Assert.Equal(45, budget.HeldBytes);
        lease.Dispose();
        lease.Dispose();

        Assert.Equal(0, budget.HeldBytes);
    }

    [Fact]
    public async Task AWaitingDecode_EndsWhenCancelled_AndHoldsNothing()
    {
        var budget = new DecodeBudget(100);
        using var first = await budget.AcquireAsync(100, CancellationToken.None).OrTimeout();
        using var cts = new CancellationTokenSource();

        var waiting = budget.AcquireAsync(10, cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.OrTimeout());
        Assert.Equal(100, budget.HeldBytes);
    }
}
