using YtPipe.Core.Batch;

namespace YtPipe.Tests.Batch.Examples;

public sealed class CustomStrategyTests : IAsyncDisposable
{
    private readonly BatchTestBed bed = new();

    [Theory]
    [InlineData(16, 4, 6, 2)]
    [InlineData(8, 2, 3, 2)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(2, 8, 1, 1)]
    public void PlansWorkersOverTheCoresThatRemain(int cores, int reserved, int workers, int threads)
    {
        var plan = new ReserveCoresStrategy(reserved).Plan(new StrategyContext { LogicalCores = cores });

        Assert.Equal("ReserveCores", plan.Strategy);
        Assert.Equal(workers, plan.Workers.Count);
        Assert.All(plan.Workers, w => Assert.Equal(threads, w.Threads));
    }

    [Fact]
    public async Task ItsPlanRunsOnTheSharedExecutor()
    {
        var plan = new ReserveCoresStrategy(reservedCores: 2).Plan(new StrategyContext { LogicalCores = 6 });
        bed.Start(plan);
        bed.Submit(bed.AddFile("a.wav", 3), bed.AddFile("b.wav", 2), bed.AddFile("c.wav", 1));

        var results = await bed.FinishAsync();

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(FileStatus.Transcribed, r.Status));
        Assert.All(results, r => Assert.InRange(r.Worker!.Value, 0, plan.Workers.Count - 1));
    }

    public ValueTask DisposeAsync() => bed.DisposeAsync();
}
