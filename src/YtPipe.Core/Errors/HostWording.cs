namespace YtPipe.Core.Errors;

/// <summary>
/// How the engine's messages name the host's options and commands. The engine is a library: it
/// says "give the model file's path with ModelPath" through <see cref="Option"/>, and the host
/// decides how a user spells that (the PowerShell module: <c>-ModelPath</c>; a .NET host: its own
/// names). Set once, before the first message, by the host.
/// </summary>
public static class HostWording
{
    /// <summary>What lists the model catalog.</summary>
    public const string ListModels = "ListModels";

    /// <summary>What downloads a model.</summary>
    public const string DownloadModel = "DownloadModel";

    /// <summary>What lists the GPUs.</summary>
    public const string ListGpus = "ListGpus";

    /// <summary>How to get a build that carries the CUDA runtime.</summary>
    public const string BuildWithCuda = "BuildWithCuda";

    private static Func<string, string> option = name => name;
    private static Func<string, string> command = DefaultCommand;

    /// <summary>The host's spelling of the option the engine calls <paramref name="name"/> (ModelPath, OutputDirectory, ...).</summary>
    public static string Option(string name) => option(name);

    /// <summary>The host's spelling of the command <paramref name="name"/> stands for (<see cref="ListModels"/>, ...).</summary>
    public static string Command(string name) => command(name);

    /// <summary>Lets the host word options and commands; null keeps the engine's plain words.</summary>
    public static void Use(Func<string, string>? optionWording, Func<string, string>? commandWording)
    {
        option = optionWording ?? (name => name);
        command = commandWording ?? DefaultCommand;
    }

    private static string DefaultCommand(string name) => name switch
    {
        ListModels => "the model catalog (ModelCatalog)",
        DownloadModel => "a model download (ModelDownloader)",
        ListGpus => "nvidia-smi",
        BuildWithCuda => "a build with Whisper.net.Runtime.Cuda",
        _ => name,
    };
}
