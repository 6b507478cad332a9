namespace YtPipe.Core.Batch;

/// <summary>What one worker is doing.</summary>
/// <param name="Index">The worker's index.</param>
/// <param name="Device">The device it runs on.</param>
/// <param name="CurrentFile">The file in work; null when idle.</param>
/// <param name="Fraction">How far the model is through it, 0..1.</param>
public sealed record WorkerProgress(int Index, string Device, string? CurrentFile, double Fraction);
