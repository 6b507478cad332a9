namespace YtPipe.Core.Errors;

/// <summary>
/// Base of every failure a user can act on. <see cref="ErrorId"/> is stable across releases:
/// scripts match on it, so never rename one.
/// </summary>
public abstract class YtPipeException : Exception
{
    protected YtPipeException(string message, string? target, Exception? inner = null)
        : base(message, inner) => Target = target;

    /// <summary>A stable PascalCase identifier such as <c>AudioDecodeFailed</c>.</summary>
    public abstract string ErrorId { get; }

    /// <summary>What the failure is about: the path or URL the user gave.</summary>
    public string? Target { get; }

    /// <summary>What kind of failure this is, for the cmdlet layer to map to an error category.</summary>
    public abstract FailureKind Kind { get; }

    /// <summary>One sentence that tells the user how to fix it, when there is one.</summary>
    public string? Fix { get; init; }
}
