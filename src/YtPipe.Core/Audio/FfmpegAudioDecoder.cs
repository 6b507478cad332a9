using System.Runtime.InteropServices;
using FFMpegCore;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Audio;

/// <summary>
/// Decodes with ffmpeg straight to 16 kHz mono f32le in memory (no temporary files), through FFMpegCore.
/// Cancellation asks ffmpeg to quit and kills it after a grace period.
/// </summary>
public sealed class FfmpegAudioDecoder(FfmpegTools tools) : IAudioDecoder
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task<AudioClip> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        CheckReadable(path);
        using var pcm = new MemoryStream();
        try
        {
            await FFMpegArguments
                .FromFileInput(path, verifyExists: false, _ => { })
                .OutputToPipe(new StreamPipeSink(pcm), o => o
                    .WithCustomArgument($"-map 0:a:0 -vn -sn -dn -ac 1 -ar {AudioClip.SampleRate} -c:a pcm_f32le")
                    .ForceFormat("f32le"))
                .CancellableThrough(cancellationToken, KillGrace)
                .ProcessAsynchronously(throwOnError: true, tools.Options, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is FFMpegException or FFMpegProcessException or IOException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new AudioDecodeException(path, "ffmpeg could not decode it: " + LastLines(e.Message), e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (pcm.Length < sizeof(float))
        {
            throw new AudioDecodeException(path, "ffmpeg decoded no audio from it");
        }
        return new AudioClip(ToFloats(pcm));
    }

    /// <inheritdoc />
    public async Task<TimeSpan> ProbeDurationAsync(string path, CancellationToken cancellationToken)
    {
        CheckReadable(path);
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, tools.Options, null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is FFMpegException or FFProbeProcessException or FormatNullException or IOException or InvalidOperationException or System.Text.Json.JsonException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new AudioDecodeException(path, "it is not a media file ffprobe can read: " + LastLines(e.Message), e);
        }
        if (analysis.PrimaryAudioStream is null)
        {
            throw new AudioDecodeException(path, "it has no audio stream");
        }
        var duration = analysis.PrimaryAudioStream.Duration > TimeSpan.Zero ? analysis.PrimaryAudioStream.Duration : analysis.Duration;
        return duration > TimeSpan.Zero ? duration : TimeSpan.Zero;
    }

    private static void CheckReadable(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InputNotFoundException(path);
            }
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputUnreadableException(path, e);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InputUnreadableException(path, e);
        }
        if (info.Length == 0)
        {
            throw new AudioDecodeException(path, "the file is empty (0 bytes)");
        }
    }

    // A sync helper: spans cannot live in async methods (CS9202 on C# 12).
    private static float[] ToFloats(MemoryStream pcm)
    {
        var usable = (int)(pcm.Length - pcm.Length % sizeof(float));
        return MemoryMarshal.Cast<byte, float>(pcm.GetBuffer().AsSpan(0, usable)).ToArray();
    }

    private static string LastLines(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", lines.TakeLast(2));
    }
}
