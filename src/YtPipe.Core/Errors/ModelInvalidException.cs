namespace YtPipe.Core.Errors;

/// <summary>The model file exists but is not a whisper.cpp ggml model, or whisper.cpp refused it.</summary>
public sealed class ModelInvalidException(string path, string reason, Exception? inner = null)
    : YtPipeException($"The model file '{path}' is not a usable whisper.cpp ggml model: {reason}", path, inner)
{
    public override string ErrorId => ErrorIds.ModelInvalid;
    public override FailureKind Kind => FailureKind.InvalidData;
}
