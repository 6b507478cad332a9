using YtPipe.Core.Batch;
using YtPipe.Core.Errors;
using YtPipe.Core.Gpu;
using YtPipe.Core.Transcription;

namespace YtPipe.Tests.Batch;

public sealed class BatchPlannerTests
{
    private static readonly GpuQueryResult NoGpus = new([], "nvidia-smi was not found on PATH");

    private static GpuQueryResult Gpus(int count) =>
        new(Enumerable.Range(0, count).Select(i => new GpuInfo(i, $"GPU {i}", 24576, 24000, $"GPU-{i}", $"00000000:0{i + 1}:00.0", "550.54")).ToList(), null);

    private static IEnumerable<string> Warnings(BatchPlan plan) =>
        plan.Notes.Where(n => n.Level == BatchMessageLevel.Warning).Select(n => n.Text);

    [Fact]
    public void SequentialWithWorkers_WarnsThatOneWorkerRuns()
    {
        var plan = BatchPlanner.Plan(new PlanRequest { Device = DeviceChoice.Cpu, Strategy = StrategyChoice.Sequential, Workers = 4, LogicalCores = 8 }, NoGpus);

        Assert.Single(plan.Workers.Workers);
        var warning = Assert.Single(Warnings(plan));
        Assert.Contains("4 workers", warning);
        Assert.Contains("Sequential", warning);
    }

    [Fact]
    public void CudaWithTwoWorkersOnOneGpu_WarnsThatOneWorkerRuns()
    {
        var plan = BatchPlanner.Plan(new PlanRequest { Device = DeviceChoice.Cuda, Workers = 2, CudaRuntimeBundled = true, LogicalCores = 16 }, Gpus(1));

        Assert.Equal("Sequential", plan.Workers.Strategy);
        Assert.Equal(new DeviceSpec(DeviceKind.Cuda, 0), Assert.Single(plan.Workers.Workers).Device);
        var warning = Assert.Single(Warnings(plan));
        Assert.Contains("2 workers", warning);
        Assert.Contains("1 GPU", warning);
    }

    [Fact]
    public void GpuIndexWithParallelCpu_IsIgnoredWithAWarning_AndNeedsNoGpuList()
    {
        var request = new PlanRequest { Strategy = StrategyChoice.ParallelCpu, GpuIndex = [0], LogicalCores = 2 };

        var plan = BatchPlanner.Plan(request, NoGpus);

        Assert.False(BatchPlanner.NeedsGpuList(request));
        Assert.Equal(DeviceKind.Cpu, plan.Device);
        var warning = Assert.Single(Warnings(plan));
        Assert.Contains("GPU index 0 is ignored", warning);
        Assert.Contains("ParallelCpu", warning);
        Assert.DoesNotContain(plan.Notes, n => n.Text.Contains("nvidia-smi"));
    }

    [Fact]
    public void GpuIndexWithDeviceCpu_IsIgnoredWithAWarning()
    {
        var plan = BatchPlanner.Plan(new PlanRequest { Device = DeviceChoice.Cpu, GpuIndex = [1], LogicalCores = 2 }, Gpus(2));

        Assert.Contains(Warnings(plan), w => w.Contains("GPU index 1 is ignored") && w.Contains("device Cpu"));
    }

    [Fact]
    public void GpuIndexThatDoesNotExist_WithCuda_IsAnError()
    {
        var error = Assert.Throws<InvalidOptionException>(() =>
            BatchPlanner.Plan(new PlanRequest { Device = DeviceChoice.Cuda, GpuIndex = [3], CudaRuntimeBundled = true }, Gpus(2)));

        Assert.Contains("3", error.Message);
    }

    [Theory]
    [InlineData(DeviceChoice.Cuda, StrategyChoice.ParallelCpu)]
    [InlineData(DeviceChoice.Cpu, StrategyChoice.MultiGpu)]
    public void ContradictoryDeviceAndStrategy_IsAnError(DeviceChoice device, StrategyChoice strategy)
    {
        var error = Assert.Throws<InvalidOptionException>(() => BatchPlanner.Plan(new PlanRequest { Device = device, Strategy = strategy }, Gpus(2)));

        Assert.Contains("contradict", error.Message);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void OneFile_GetsTheSingleFilePlan_WhateverTheCores()
    {
        var plan = BatchPlanner.Plan(new PlanRequest { FileCount = 1, LogicalCores = 16 }, NoGpus);

        var worker = Assert.Single(plan.Workers.Workers);
        Assert.Equal(ThreadBudget.MaxThreadsSingleContext, worker.Threads);
        Assert.Empty(Warnings(plan));
    }

    [Fact]
    public void UnknownFileCount_OnSixteenCores_PlansFourWorkersOfFourThreads()
    {
        var plan = BatchPlanner.Plan(new PlanRequest { LogicalCores = 16 }, NoGpus);

        Assert.Equal(4, plan.Workers.Workers.Count);
        Assert.All(plan.Workers.Workers, w => Assert.Equal(4, w.Threads));
    }

    [Fact]
    public void CudaWithoutRuntime_WarnsThatTheCpuWorks()
    {
        var plan = BatchPlanner.Plan(new PlanRequest { Device = DeviceChoice.Cuda, CudaRuntimeBundled = false, LogicalCores = 4 }, Gpus(1));

        Assert.Contains(Warnings(plan), w => w.Contains("no CUDA runtime"));
    }

    [Fact]
    public void Oversubscription_IsWarned()
    {
        var plan = BatchPlanner.Plan(new PlanRequest { Device = DeviceChoice.Cpu, Workers = 4, Threads = 2, LogicalCores = 2 }, NoGpus);

        Assert.Contains(Warnings(plan), w => w.Contains("8 threads on 2 logical cores"));
    }
}
