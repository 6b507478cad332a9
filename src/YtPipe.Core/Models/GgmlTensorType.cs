namespace YtPipe.Core.Models;

/// <summary>
/// The ggml element types a whisper.cpp model file can hold, with the block layout that fixes how
/// many bytes a tensor's data takes. Quantized types pack <see cref="BlockSize"/> values into
/// <see cref="BytesPerBlock"/> bytes.
/// </summary>
internal sealed record GgmlTensorType(int Id, string Name, int BlockSize, int BytesPerBlock)
{
    private static readonly Dictionary<int, GgmlTensorType> ById = new GgmlTensorType[]
    {
        new(0, "f32", 1, 4),
        new(1, "f16", 1, 2),
        new(2, "q4_0", 32, 18),
        new(3, "q4_1", 32, 20),
        new(6, "q5_0", 32, 22),
        new(7, "q5_1", 32, 24),
        new(8, "q8_0", 32, 34),
        new(10, "q2_K", 256, 84),
        new(11, "q3_K", 256, 110),
        new(12, "q4_K", 256, 144),
        new(13, "q5_K", 256, 176),
        new(14, "q6_K", 256, 210),
        new(30, "bf16", 1, 2),
    }.ToDictionary(t => t.Id);

    // The file type (ggml_ftype, less the quantization version) names the type of the big weight
    // matrices. An ftype outside this map makes ggml_ftype_to_ggml_type abort the process.
    private static readonly Dictionary<int, int> WeightTypeOfFileType = new()
    {
        [0] = 0, [1] = 1, [2] = 2, [3] = 3, [7] = 8, [8] = 6, [9] = 7,
        [10] = 10, [11] = 11, [12] = 12, [13] = 13, [14] = 14, [24] = 30,
    };

    public static GgmlTensorType F32 => ById[0];

    public static GgmlTensorType F16 => ById[1];

    /// <summary>The type of element id <paramref name="id"/>, or null when ggml has none this loader can size.</summary>
    public static GgmlTensorType? FromId(int id) => ById.GetValueOrDefault(id);

    /// <summary>The type of the weight matrices of a model whose header says <paramref name="fileType"/>, or null.</summary>
    public static GgmlTensorType? OfWeights(int fileType) =>
        fileType >= 0 && WeightTypeOfFileType.TryGetValue(fileType % 1000, out var id) ? ById[id] : null;

    /// <summary>Bytes of data for a tensor of <paramref name="elements"/> values whose rows are <paramref name="rowLength"/> long; null when a row does not fill whole blocks.</summary>
    public long? DataLength(long rowLength, long elements) =>
        rowLength % BlockSize == 0 ? elements / BlockSize * BytesPerBlock : null;
}
