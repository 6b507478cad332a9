namespace YtPipe.Core.Errors;

/// <summary>A language code Whisper does not know, or <c>auto</c> inside a list of languages.</summary>
public sealed class LanguageUnknownException(string code, string message)
    : YtPipeException(message, code)
{
    public override string ErrorId => ErrorIds.LanguageUnknown;
    public override FailureKind Kind => FailureKind.InvalidArgument;
}
