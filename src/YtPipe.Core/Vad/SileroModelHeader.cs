using System.Text;
using YtPipe.Core.Errors;

namespace YtPipe.Core.Vad;

/// <summary>
/// The header of a Silero VAD ggml file (whisper.cpp's <c>whisper_vad_init_with_params</c>):
/// magic, model type, version, window and context, four encoder layers, LSTM and final sizes.
/// Checked before whisper.cpp sees the file: its loader trusts these numbers to size allocations,
/// so a whisper model or other ggml file given as the VAD model would crash the process, not fail.
/// </summary>
/// <param name="ModelType">Such as <c>silero-16k</c>.</param>
/// <param name="Version">Such as <c>6.2.0</c>.</param>
/// <param name="Window">Samples per probability frame (512 for 16 kHz).</param>
internal sealed record SileroModelHeader(string ModelType, string Version, int Window)
{
    private const uint Magic = 0x67676d6c;
    private const int EncoderLayers = 4;

    /// <summary>Reads and checks the header of <paramref name="path"/>.</summary>
    /// <exception cref="ModelNotFoundException">There is no file.</exception>
    /// <exception cref="ModelInvalidException">It is not a Silero VAD model whisper.cpp can load.</exception>
    public static SileroModelHeader Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelNotFoundException($"The VAD model file '{path}' does not exist.", path)
            {
                Fix = $"Get {VadOptions.DefaultModelName} with {HostWording.Command(HostWording.DownloadModel)}, or put {Models.ModelLocator.FileNameFor(VadOptions.DefaultModelName)} into the model folder.",
            };
        }
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            if (reader.ReadUInt32() != Magic) throw Invalid(path, "it does not start with the ggml magic number");
            var typeLength = reader.ReadInt32();
            if (typeLength is < 1 or > 64) throw Invalid(path, "it is not a Silero VAD model (no model type in its header)");
            var type = Encoding.UTF8.GetString(reader.ReadBytes(typeLength));
            if (!type.StartsWith("silero", StringComparison.OrdinalIgnoreCase)) throw Invalid(path, $"its model type is '{type}', not Silero");
            var version = $"{reader.ReadInt32()}.{reader.ReadInt32()}.{reader.ReadInt32()}";
            var window = reader.ReadInt32();
            var context = reader.ReadInt32();
            var layers = reader.ReadInt32();
            if (window is < 1 or > 65536 || context is < 0 or > 65536 || layers != EncoderLayers)
            {
                throw Invalid(path, $"its header is not Silero's (window {window}, context {context}, {layers} encoder layers)");
            }
            for (var i = 0; i < layers * 3 + 4; i++)
            {
                if (reader.ReadInt32() is < 1 or > 4096) throw Invalid(path, "its layer sizes are out of range");
            }
            return new SileroModelHeader(type, version, window);
        }
        catch (EndOfStreamException)
        {
            throw Invalid(path, "the file is truncated");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static ModelInvalidException Invalid(string path, string reason) =>
        new(path, reason) { Fix = $"Download {VadOptions.DefaultModelName} again with {HostWording.Command(HostWording.DownloadModel)} and replace the file." };
}
