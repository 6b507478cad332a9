#nullable enable
// One self-contained file on the BCL only: xunit compiles it with the test project and the Pester
// helpers compile the same file with Add-Type, as they do GgmlModelWriter.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace YtPipe.Tests.Support;

/// <summary>
/// Writes a Silero VAD ggml model shaped as whisper.cpp 1.8.5's loader (<c>whisper_vad_init_with_params</c>)
/// reads it: magic, model type, version, window and context, four encoder layers, LSTM and final
/// sizes, then every tensor by name and shape, all zeros except the final bias. With zero weights
/// every stage before the last outputs 0, so each frame's speech probability is exactly
/// sigmoid(<see cref="FinalBias"/>): 0.5 by default, which thresholds below and above turn into
/// all speech and none, deterministically.
/// </summary>
public sealed record SileroModelWriter
{
    public const uint Magic = 0x67676d6c;
    private const int F32 = 0, F16 = 1;

    public string ModelType { get; init; } = "silero-16k";
    public int[] Version { get; init; } = new[] { 6, 2, 0 };
    public int Window { get; init; } = 512;
    public int Context { get; init; } = 64;

    /// <summary>The bias of the final convolution: every frame's probability is sigmoid of it.</summary>
    public float FinalBias { get; init; }

    /// <summary>Writes the model to <paramref name="path"/> (about 1 MB) and returns the path.</summary>
    public string WriteTo(string path)
    {
        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream);
        w.Write(Magic);
        var type = Encoding.UTF8.GetBytes(ModelType);
        w.Write(type.Length);
        w.Write(type);
        foreach (var v in Version) w.Write(v);
        w.Write(Window);
        w.Write(Context);
        int[] inputs = { 129, 128, 64, 64 }, outputs = { 128, 64, 64, 128 };
        w.Write(inputs.Length);
        for (var i = 0; i < inputs.Length; i++)
        {
            w.Write(inputs[i]);
            w.Write(outputs[i]);
            w.Write(3);
        }
        w.Write(128); // LSTM input
        w.Write(128); // LSTM hidden
        w.Write(128); // final conv in
        w.Write(1);   // final conv out
        for (var i = 0; i < inputs.Length; i++)
        {
            Tensor(w, $"_model.encoder.{i}.reparam_conv.weight", F16, 3, inputs[i], outputs[i]);
            Tensor(w, $"_model.encoder.{i}.reparam_conv.bias", F32, outputs[i]);
        }
        Tensor(w, "_model.decoder.rnn.weight_ih", F32, 128, 512);
        Tensor(w, "_model.decoder.rnn.weight_hh", F32, 128, 512);
        Tensor(w, "_model.decoder.rnn.bias_ih", F32, 512);
        Tensor(w, "_model.decoder.rnn.bias_hh", F32, 512);
        Tensor(w, "_model.decoder.decoder.2.weight", F16, 128, 1);
        Tensor(w, "_model.decoder.decoder.2.bias", F32, new[] { FinalBias }, 1);
        Tensor(w, "_model.stft.forward_basis_buffer", F16, 256, 1, 258);
        return path;
    }

    private static void Tensor(BinaryWriter w, string name, int type, params int[] shape) => Tensor(w, name, type, null, shape);

    private static void Tensor(BinaryWriter w, string name, int type, float[]? values, params int[] shape)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        w.Write(shape.Length);
        w.Write(bytes.Length);
        w.Write(type);
        long count = 1;
        foreach (var n in shape)
        {
            w.Write(n);
            count *= n;
        }
        w.Write(bytes);
        if (values is not null)
        {
            foreach (var v in values) w.Write(v);
            return;
        }
        w.Write(new byte[count * (type == F16 ? 2 : 4)]);
    }
}
