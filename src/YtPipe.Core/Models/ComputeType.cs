namespace YtPipe.Core.Models;

/// <summary>The weight precision to run, which picks the model file variant.</summary>
public enum ComputeType
{
    /// <summary>A quantized variant on CPU (q8_0 first), f16 on GPU.</summary>
    Auto,
    /// <summary>The published f16 model (the seed's float16).</summary>
    Float16,
    /// <summary>8-bit (the seed's int8).</summary>
    Q8_0,
    /// <summary>5-bit, type 1.</summary>
    Q5_1,
    /// <summary>5-bit, type 0.</summary>
    Q5_0,
    /// <summary>4-bit, type 0 (not published; use a file you quantized yourself).</summary>
    Q4_0,
}
