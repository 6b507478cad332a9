using System.Text.RegularExpressions;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Batch.Examples;

/// <summary>docs/engine/custom-strategy.md says its examples are the compiled ones: this keeps it true.</summary>
public sealed partial class CustomStrategyDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "engine", "custom-strategy.md"));

    [Fact]
    public void TheStrategyOnThePage_IsTheCompiledOne()
    {
        var compiled = Code(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Unit", "Batch", "Examples", "ReserveCoresStrategy.cs")));

        Assert.Contains(Code(Block(0)), compiled);
    }

    [Fact]
    public void TheHostOnThePage_IsTheCompiledOne()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Unit", "Batch", "Examples", "CustomStrategyHost.cs"));
        var example = source[(source.IndexOf("// example:begin", StringComparison.Ordinal) + 16)..source.IndexOf("// example:end", StringComparison.Ordinal)];

        Assert.Contains(Code(example), Code(Block(1)));
    }

    /// <summary>The n-th C# block of the page.</summary>
    private static string Block(int n) => CSharpBlock().Matches(Page)[n].Groups[1].Value;

    /// <summary>Code lines without usings, namespace, comments and indentation: what must agree.</summary>
    private static string Code(string text) => string.Join("\n", text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("namespace ", StringComparison.Ordinal)));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
