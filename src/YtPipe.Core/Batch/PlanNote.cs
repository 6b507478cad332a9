namespace YtPipe.Core.Batch;

/// <summary>Something the planner wants the user told: why it chose what it chose (verbose), or what it ignored (warning).</summary>
public sealed record PlanNote(BatchMessageLevel Level, string Text);
