using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Batch;

public sealed class StrategySelectorTests
{
    [Theory]
    [InlineData(DeviceKind.Cuda, 2, new[] { 0, 1 }, 16, "MultiGpu")]
    [InlineData(DeviceKind.Cuda, 0, new[] { 0, 1 }, 16, "MultiGpu")] // workers left to choose: one per GPU
    [InlineData(DeviceKind.Cuda, 2, new[] { 0 }, 16, "Sequential")]
    [InlineData(DeviceKind.Cuda, 1, new[] { 0, 1 }, 16, "Sequential")]
    [InlineData(DeviceKind.Cpu, 2, new int[0], 16, "ParallelCpu")]
    [InlineData(DeviceKind.Cpu, 1, new int[0], 16, "Sequential")]
    [InlineData(DeviceKind.Cpu, 0, new int[0], 2, "ParallelCpu")]
    [InlineData(DeviceKind.Cpu, 0, new int[0], 1, "Sequential")]
    [InlineData(DeviceKind.Cpu, 0, new int[0], 16, "ParallelCpu")]
    public void Choose_FollowsTheSeedRule(DeviceKind device, int workers, int[] gpus, int cores, string expected)
    {
        var (strategy, why) = StrategySelector.Choose(new StrategyContext { Device = device, Workers = workers, Gpus = gpus, LogicalCores = cores });

        Assert.Equal(expected, strategy.Name);
        Assert.False(string.IsNullOrWhiteSpace(why));
    }

    [Theory]
    [InlineData(2, 2, 1)]   // measured: two one-thread workers beat one two-thread worker by 7 % (bench/RESULTS.md)
    [InlineData(4, 4, 1)]
    [InlineData(8, 4, 2)]
    [InlineData(16, 4, 4)]
    [InlineData(32, 8, 4)]
    public void CpuBatch_GivesCoresToWorkersFirst_ThenThreads(int cores, int workers, int threads)
    {
        var plan = Plan(new StrategyContext { LogicalCores = cores });

        Assert.Equal("ParallelCpu", plan.Strategy);
        Assert.Equal(Enumerable.Range(0, workers), plan.Workers.Select(w => w.Index));
        Assert.All(plan.Workers, w => Assert.Equal(new WorkerSlot(w.Index, DeviceSpec.Cpu, threads), w));
    }

    [Fact]
    public void FewerFilesThanWorkers_GiveTheFilesTheCoresAsThreads()
    {
        var plan = Plan(new StrategyContext { LogicalCores = 16, FileCount = 2 });

        Assert.Equal(2, plan.Workers.Count);
        Assert.All(plan.Workers, w => Assert.Equal(4, w.Threads));
    }

    [Fact]
    public void OneFileOnTwoCores_IsOneWorkerWithBothThreads()
    {
        var plan = Plan(new StrategyContext { LogicalCores = 2, FileCount = 1 });

        Assert.Equal("Sequential", plan.Strategy);
        Assert.Equal(new[] { new WorkerSlot(0, DeviceSpec.Cpu, 2) }, plan.Workers);
    }

    [Fact]
    public void OneFileOnSixteenCores_IsOneWorker()
    {
        var context = new StrategyContext { LogicalCores = 16, FileCount = 1 };

        Assert.Single(Plan(context).Workers);
        Assert.Single(new ParallelCpuStrategy().Plan(context).Workers);
    }

    [Fact]
    public void ParallelCpu_WithWorkersAsked_SharesTheCores()
    {
        var plan = new ParallelCpuStrategy().Plan(new StrategyContext { Workers = 2, LogicalCores = 6 });

        Assert.Equal(new[] { 3, 3 }, plan.Workers.Select(w => w.Threads));
    }

    [Fact]
    public void MultiGpu_PlacesWorkerIOnGpuIModN()
    {
        var plan = new MultiGpuStrategy().Plan(new StrategyContext { Device = DeviceKind.Cuda, Workers = 5, Gpus = [3, 5], LogicalCores = 16 });

        Assert.Equal(new[] { "cuda:3", "cuda:5", "cuda:3", "cuda:5", "cuda:3" }, plan.Workers.Select(w => w.Device.ToString()));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, plan.Workers.Select(w => w.Index));
    }

    [Fact]
    public void MultiGpu_WithoutGpus_IsAnInvalidOption()
    {
        var error = Assert.Throws<InvalidOptionException>(() =>
            new MultiGpuStrategy().Plan(new StrategyContext { Device = DeviceKind.Cuda, Workers = 2, LogicalCores = 16 }));

        Assert.Equal("InvalidOption", error.ErrorId);
    }

    [Fact]
    public void Sequential_OnCuda_UsesTheFirstGpu()
    {
        var plan = new SequentialStrategy().Plan(new StrategyContext { Device = DeviceKind.Cuda, Gpus = [2], LogicalCores = 16 });

        Assert.Equal(new DeviceSpec(DeviceKind.Cuda, 2), Assert.Single(plan.Workers).Device);
    }

    private static WorkerPlan Plan(StrategyContext context) => StrategySelector.Choose(context).Strategy.Plan(context);
}
