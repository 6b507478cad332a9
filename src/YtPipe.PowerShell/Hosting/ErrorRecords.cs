using System.Management.Automation;
using YtPipe.Core.Errors;

namespace YtPipe.PowerShell.Hosting;

/// <summary>The one place engine failures become ErrorRecords: a stable ErrorId, a category, the path as target, the fix.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(YtPipeException e)
    {
        var record = new ErrorRecord(e, e.ErrorId, Category(e.Kind), e.Target);
        if (e.Fix is not null)
        {
            record.ErrorDetails = new ErrorDetails($"{e.Message} {e.Fix}") { RecommendedAction = e.Fix };
        }
        return record;
    }

    public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, string? fix = null)
    {
        var record = new ErrorRecord(new InvalidOperationException(message), errorId, category, target);
        if (fix is not null)
        {
            record.ErrorDetails = new ErrorDetails($"{message} {fix}") { RecommendedAction = fix };
        }
        return record;
    }

    private static ErrorCategory Category(FailureKind kind) => kind switch
    {
        FailureKind.NotFound => ErrorCategory.ObjectNotFound,
        FailureKind.InvalidData => ErrorCategory.InvalidData,
        FailureKind.NotInstalled => ErrorCategory.NotInstalled,
        FailureKind.InvalidArgument => ErrorCategory.InvalidArgument,
        FailureKind.ResourceExists => ErrorCategory.ResourceExists,
        FailureKind.WriteError => ErrorCategory.WriteError,
        FailureKind.OperationStopped => ErrorCategory.OperationStopped,
        FailureKind.ConnectionError => ErrorCategory.ConnectionError,
        FailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
        _ => ErrorCategory.NotSpecified,
    };
}
