namespace YtPipe.Core.Errors;

/// <summary>
/// Every ErrorId YtPipe reports, in one place. Scripts match on them (<c>$_.FullyQualifiedErrorId</c>,
/// <c>-ErrorAction</c> handlers), so an id is never renamed or reused: add new ones.
/// </summary>
public static class ErrorIds
{
    // Raised by the engine, one exception type each (see the types in this folder).
    /// <summary>Raised as <see cref="AudioDecodeException"/>.</summary>
    public const string AudioDecodeFailed = "AudioDecodeFailed";

    /// <summary>Raised as <see cref="DiskFullException"/>.</summary>
    public const string DiskFull = "DiskFull";

    /// <summary>Raised as <see cref="DownloadFailedException"/>.</summary>
    public const string DownloadFailed = "DownloadFailed";

    /// <summary>Raised as <see cref="FfmpegNotFoundException"/>.</summary>
    public const string FfmpegNotFound = "FfmpegNotFound";

    /// <summary>Raised as <see cref="InputNotFoundException"/>.</summary>
    public const string InputNotFound = "InputNotFound";

    /// <summary>Raised as <see cref="InputUnreadableException"/>.</summary>
    public const string InputUnreadable = "InputUnreadable";

    /// <summary>Raised as <see cref="InvalidOptionException"/>.</summary>
    public const string InvalidOption = "InvalidOption";

    /// <summary>Raised as <see cref="LanguageUnknownException"/>.</summary>
    public const string LanguageUnknown = "LanguageUnknown";

    /// <summary>Raised as <see cref="ModelChecksumException"/>.</summary>
    public const string ModelChecksumMismatch = "ModelChecksumMismatch";

    /// <summary>Raised as <see cref="ModelDownloadException"/>.</summary>
    public const string ModelDownloadFailed = "ModelDownloadFailed";

    /// <summary>Raised as <see cref="ModelFolderNotWritableException"/>.</summary>
    public const string ModelFolderNotWritable = "ModelFolderNotWritable";

    /// <summary>Raised as <see cref="ModelInvalidException"/>.</summary>
    public const string ModelInvalid = "ModelInvalid";

    /// <summary>Raised as <see cref="ModelNotFoundException"/>.</summary>
    public const string ModelNotFound = "ModelNotFound";

    /// <summary>Raised as <see cref="ModelUnknownException"/>.</summary>
    public const string ModelUnknown = "ModelUnknown";

    /// <summary>Raised as <see cref="OutputFolderNotWritableException"/>.</summary>
    public const string OutputFolderNotWritable = "OutputFolderNotWritable";

    /// <summary>Raised as <see cref="OutputCollisionException"/>.</summary>
    public const string OutputPathCollision = "OutputPathCollision";

    /// <summary>Raised as <see cref="OutputWriteException"/>.</summary>
    public const string OutputWriteFailed = "OutputWriteFailed";

    /// <summary>Raised as <see cref="ShardIndexMissingException"/>.</summary>
    public const string ShardIndexMissing = "ShardIndexMissing";

    /// <summary>Raised as <see cref="ShardInvalidException"/>.</summary>
    public const string ShardInvalid = "ShardInvalid";

    /// <summary>Raised as <see cref="SourceFailedException"/>.</summary>
    public const string SourceFailed = "SourceFailed";

    /// <summary>Raised as <see cref="TranscriptionFailedException"/>.</summary>
    public const string TranscriptionFailed = "TranscriptionFailed";

    /// <summary>Raised as <see cref="TranscriptInvalidException"/>.</summary>
    public const string TranscriptInvalid = "TranscriptInvalid";

    /// <summary>Raised as <see cref="YtDlpNotFoundException"/>.</summary>
    public const string YtDlpNotFound = "YtDlpNotFound";

    // Raised by the PowerShell layer, about its own parameters and providers.
    /// <summary>-Model and -ModelPath both given.</summary>
    public const string ModelAndModelPath = "ModelAndModelPath";

    /// <summary>An input path is on a provider other than the file system.</summary>
    public const string InputNotFileSystem = "InputNotFileSystem";

    /// <summary>A download source is blank.</summary>
    public const string SourceEmpty = "SourceEmpty";

    /// <summary>The upper end of a random wait was given without its lower end.</summary>
    public const string MaxSleepIntervalWithoutSleepInterval = "MaxSleepIntervalWithoutSleepInterval";

    /// <summary>The upper end of a random wait is below its lower end.</summary>
    public const string MaxSleepIntervalBelowSleepInterval = "MaxSleepIntervalBelowSleepInterval";

    /// <summary>The cookie file does not exist.</summary>
    public const string CookieFileNotFound = "CookieFileNotFound";

    /// <summary>Get-YtTranscriptionReport was given a file where it reads a folder.</summary>
    public const string ReportPathNotFolder = "ReportPathNotFolder";

    /// <summary>A batch ended on an unexpected failure (not one of the engine's own).</summary>
    public const string TranscriptionBatchFailed = "TranscriptionBatchFailed";

    // Raised by Invoke-YtTranscription -Session (the remoting fan-out).
    /// <summary>-Session was given pipeline input: paths must be the remote hosts'.</summary>
    public const string SessionWithPipelineInput = "SessionWithPipelineInput";

    /// <summary>-Session and -Shard both given: the sessions decide the shards.</summary>
    public const string SessionWithShard = "SessionWithShard";

    /// <summary>A session was given twice.</summary>
    public const string SessionRepeated = "SessionRepeated";

    /// <summary>A session is closed, broken or busy.</summary>
    public const string SessionNotAvailable = "SessionNotAvailable";

    /// <summary>A remote host has no YtPipe module.</summary>
    public const string RemoteModuleNotFound = "RemoteModuleNotFound";

    /// <summary>A remote shard ended on a failure that carried no error record of its own.</summary>
    public const string RemoteShardFailed = "RemoteShardFailed";
}
