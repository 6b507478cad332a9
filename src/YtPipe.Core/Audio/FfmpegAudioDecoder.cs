using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FFMpegCore;
using FFMpegCore.Exceptions;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Audio;

/// <summary>
/// Decodes with ffmpeg straight to 16 kHz mono f32le in memory (no temporary files), through FFMpegCore,
/// into one array sized from the probed length. Any legal file name reaches ffmpeg and ffprobe intact.
/// Cancellation asks ffmpeg to quit and kills it after a grace period.
/// </summary>
public sealed class FfmpegAudioDecoder(FfmpegTools tools) : IAudioDecoder
{
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task<AudioClip> DecodeAsync(string path, TimeSpan expectedLength, CancellationToken cancellationToken)
    {
        CheckReadable(path);
        var sink = new PcmSampleSink((long)Math.Ceiling(Math.Max(0, expectedLength.TotalSeconds) * AudioClip.SampleRate));
        try
        {
            // FFMpegCore writes -i "{path}" into one argument string: escape the path for those quotes.
            await FFMpegArguments
                .FromFileInput(CommandLineQuoting.EscapeForQuotes(path), verifyExists: false, _ => { })
                .OutputToPipe(sink, o => o
                    .WithCustomArgument($"-map 0:a:0 -vn -sn -dn -ac 1 -ar {AudioClip.SampleRate} -c:a pcm_f32le"))
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
            throw Failed(path, "ffmpeg could not decode it: ", e.Message, e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var samples = sink.ToSamples();
        if (samples.Length == 0)
        {
            throw new AudioDecodeException(path, "ffmpeg decoded no audio from it");
        }
        return new AudioClip(samples);
    }

    /// <inheritdoc />
    public async Task<TimeSpan> ProbeDurationAsync(string path, CancellationToken cancellationToken)
    {
        CheckReadable(path);
        // An argument list, not FFProbe.AnalyseAsync: that one checks File.Exists on the very string
        // it then puts between quotes unescaped, so no escaping can get a quote through it.
        var start = new ProcessStartInfo(tools.FfprobePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-v", "error", "-print_format", "json", "-show_entries", "stream=codec_type,duration:format=duration", "-select_streams", "a:0", "-i", path })
        {
            start.ArgumentList.Add(argument);
        }
        string json;
        string errors;
        using (var process = new Process { StartInfo = start })
        {
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new FfmpegNotFoundException($"{tools.FfprobePath} could not be started: {e.Message}");
            }
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                json = await output.ConfigureAwait(false);
                errors = await error.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { /* it has exited */ }
                throw;
            }
            if (process.ExitCode != 0)
            {
                throw Failed(path, "it is not a media file ffprobe can read: ", errors, null);
            }
        }
        return ReadDuration(path, json);
    }

    private static TimeSpan ReadDuration(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0)
            {
                throw new AudioDecodeException(path, "it has no audio stream");
            }
            var seconds = Seconds(streams[0]);
            if (seconds <= 0 && root.TryGetProperty("format", out var format))
            {
                seconds = Seconds(format);
            }
            return seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        }
        catch (JsonException e)
        {
            throw new AudioDecodeException(path, "ffprobe's answer could not be read: " + e.Message, e);
        }
    }

    private static double Seconds(JsonElement element) =>
        element.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.String
        && double.TryParse(duration.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : 0;

    // A path ffmpeg cannot open is not a bad file: say that the input is missing or unreadable
    // (it may have gone since it was found), never that its content is bad.
    private static YtPipeException Failed(string path, string what, string toolOutput, Exception? inner)
    {
        CheckReadable(path);
        var lines = LastLines(toolOutput);
        if (toolOutput.Contains("No such file or directory", StringComparison.Ordinal)
            || toolOutput.Contains("Permission denied", StringComparison.Ordinal))
        {
            return new InputUnreadableException(path, new IOException("ffmpeg could not open it: " + lines, inner));
        }
        return new AudioDecodeException(path, what + lines, inner);
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

    private static string LastLines(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", lines.TakeLast(2));
    }
}
