namespace YtPipe.Core.Reporting;

/// <summary>A file in a reported folder that looks like a record or transcript but cannot be read as one.</summary>
/// <param name="Path">The file.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record ReportProblem(string Path, string Message);
