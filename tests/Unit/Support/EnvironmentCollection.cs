namespace YtPipe.Tests.Support;

/// <summary>Tests that set process-wide environment variables: they run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Environment";
}
