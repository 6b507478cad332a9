namespace YtPipe.Core.Batch;

/// <summary>Something a batch tells its host, posted from worker threads and read on the host's own thread.</summary>
public abstract record BatchEvent;

/// <summary>A file is finished: transcribed, skipped or failed.</summary>
public sealed record FileCompletedEvent(FileResult Result) : BatchEvent;

/// <summary>A line for the log: verbose detail or a warning the user should see.</summary>
public sealed record BatchMessageEvent(BatchMessageLevel Level, string Text) : BatchEvent;
