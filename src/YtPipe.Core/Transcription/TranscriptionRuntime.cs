namespace YtPipe.Core.Transcription;

/// <summary>
/// The whisper.cpp build that did the work: Whisper.net's own (<c>stock</c>, compiled for AVX2 on
/// x64) or one compiled for this machine's CPU by <c>build.ps1 -Task NativeRuntime</c>
/// (<c>native</c>). Results and transcripts carry it so a speed figure can be read honestly.
/// </summary>
public sealed record TranscriptionRuntime
{
    /// <summary>The name results report for Whisper.net's own libraries.</summary>
    public const string StockName = "stock";

    /// <summary>The name results report for libraries built here for this CPU.</summary>
    public const string NativeName = "native";

    /// <summary><see cref="StockName"/> or <see cref="NativeName"/>.</summary>
    public required string Name { get; init; }

    /// <summary>whisper.cpp's own account of what it uses (<c>whisper_print_system_info</c>): CPU features such as AVX512, OpenMP.</summary>
    public string? SystemInfo { get; init; }

    /// <summary>The folder the whisper library was loaded from, when it could be found.</summary>
    public string? LibraryFolder { get; init; }

    /// <inheritdoc />
    public override string ToString() => SystemInfo is null ? Name : $"{Name} ({SystemInfo})";
}
