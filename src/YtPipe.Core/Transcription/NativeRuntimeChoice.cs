using YtPipe.Core.Batch;

namespace YtPipe.Core.Transcription;

/// <summary>
/// Which whisper.cpp build Whisper.net is pointed at before its first factory: a native runtime's
/// folder, or null for Whisper.net's stock libraries; and why (verbose notes, or a warning when a
/// native runtime is there but cannot be used).
/// </summary>
/// <param name="Folder">The native runtime's folder (holding <see cref="NativeRuntimeManifest.FileName"/> and runtimes/&lt;rid&gt;/); null for the stock runtime.</param>
/// <param name="Notes">What to tell the user.</param>
/// <param name="Portable">A portable runtime (every CPU variant, <c>build.ps1 -Task NativeRuntime -Portable</c>): its CPU backend must be loaded before the first factory.</param>
public sealed record NativeRuntimeChoice(string? Folder, IReadOnlyList<PlanNote> Notes, bool Portable = false);
