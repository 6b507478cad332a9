using System.Management.Automation;
using YtPipe.Core.Gpu;

namespace YtPipe.PowerShell.Commands;

/// <summary>Lists the NVIDIA GPUs that -Device Cuda can use, through nvidia-smi.</summary>
[Cmdlet(VerbsCommon.Get, "YtGpu")]
[OutputType(typeof(GpuDevice))]
public sealed class GetYtGpuCommand : PSCmdlet
{
    private readonly CancellationTokenSource stop = new();

    protected override void EndProcessing()
    {
        var result = NvidiaSmiQuery.QueryAsync(stop.Token).GetAwaiter().GetResult();
        if (result.Problem is not null)
        {
            WriteVerbose($"No GPUs: {result.Problem}.");
        }
        WriteVerbose(CudaRuntime.IsBundled
            ? "This build of YtPipe carries the CUDA runtime."
            : "This build of YtPipe has no CUDA runtime, so transcription runs on the CPU (./build.ps1 -Cuda builds one with it).");
        foreach (var g in result.Gpus)
        {
            WriteObject(new GpuDevice
            {
                Index = g.Index,
                Name = g.Name,
                MemoryTotalMiB = g.MemoryTotalMiB,
                MemoryFreeMiB = g.MemoryFreeMiB,
                Uuid = g.Uuid,
                PciBusId = g.PciBusId,
                DriverVersion = g.DriverVersion,
            });
        }
    }

    protected override void StopProcessing() => stop.Cancel();
}
