namespace YtPipe.Core.Errors;

/// <summary>Two inputs would write the same transcript path.</summary>
public sealed class OutputCollisionException(string input, string output, string otherInput)
    : YtPipeException($"'{input}' would write '{output}', which '{otherInput}' already writes in this run.", input)
{
    public override string ErrorId => ErrorIds.OutputPathCollision;
    public override FailureKind Kind => FailureKind.ResourceExists;
}
