using YtPipe.Core.Errors;
using YtPipe.Core.Sharding;

namespace YtPipe.Tests.Sharding;

public sealed class ShardSpecTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("0/3", 0, 3)]
    [InlineData("2/3", 2, 3)]
    [InlineData(" 15 / 16 ", 15, 16)]
    public void Parse_ReadsIndexAndCount(string spec, int index, int count)
    {
        var shard = ShardSpec.Parse(spec, Env());

        Assert.Equal(new ShardSpec(index, count), shard);
        Assert.Equal($"{index}/{count}", shard.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("/3")]
    [InlineData("1/")]
    [InlineData("a/3")]
    [InlineData("-1/3")]
    [InlineData("+1/3")]
    [InlineData("1/3/5")]
    [InlineData("1.0/3")]
    [InlineData("0x1/3")]
    [InlineData("1/0")]
    [InlineData("0/-2")]
    [InlineData("3/3")]
    [InlineData("7/3")]
    [InlineData("99999999999/3")]
    [InlineData("auto")]
    [InlineData("auto/0")]
    public void Parse_RefusesWhatIsNotAShard_WithShardInvalid_NamingTheForm(string spec)
    {
        var e = Assert.Throws<ShardInvalidException>(() => ShardSpec.Parse(spec, Env((ShardSpec.SlurmVariable, "0"))));

        Assert.Equal("ShardInvalid", e.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, e.Kind);
        Assert.Equal(spec, e.Target);
        Assert.Contains("K/N", e.Fix);
        Assert.Contains("auto/N", e.Fix);
    }

    [Fact]
    public void Parse_IndexNotBelowCount_SaysTheRange()
    {
        var e = Assert.Throws<ShardInvalidException>(() => ShardSpec.Parse("3/3", Env()));

        Assert.Contains("0 to 2", e.Message);
    }

    [Fact]
    public void Auto_ReadsSlurmFirst()
    {
        var shard = ShardSpec.Parse("auto/3", Env((ShardSpec.SlurmVariable, "2"), (ShardSpec.KubernetesVariable, "1")));

        Assert.Equal(new ShardSpec(2, 3), shard);
    }

    [Fact]
    public void Auto_ReadsTheKubernetesIndexWithoutSlurm()
    {
        var shard = ShardSpec.Parse("AUTO/4", Env((ShardSpec.KubernetesVariable, "3")));

        Assert.Equal(new ShardSpec(3, 4), shard);
    }

    [Fact]
    public void Auto_WithNeitherVariable_IsShardIndexMissing_NamingBoth()
    {
        var e = Assert.Throws<ShardIndexMissingException>(() => ShardSpec.Parse("auto/3", Env((ShardSpec.SlurmVariable, " "))));

        Assert.Equal("ShardIndexMissing", e.ErrorId);
        Assert.Contains("SLURM_ARRAY_TASK_ID", e.Message);
        Assert.Contains("JOB_COMPLETION_INDEX", e.Message);
        Assert.Contains("--array=0-2", e.Fix);
    }

    [Fact]
    public void Auto_WithANonNumericIndex_IsShardIndexMissing_NamingTheVariable()
    {
        var e = Assert.Throws<ShardIndexMissingException>(() => ShardSpec.Parse("auto/3", Env((ShardSpec.SlurmVariable, "1-2"))));

        Assert.Contains("SLURM_ARRAY_TASK_ID", e.Message);
        Assert.Contains("'1-2'", e.Message);
    }

    [Fact]
    public void Auto_WithAnIndexNotBelowTheCount_IsShardInvalid_SayingWhereItCameFrom()
    {
        // A requeue that resubmits task 5 of a 16-way split with -Shard auto/4 is a wrong count, not a wrong task.
        var e = Assert.Throws<ShardInvalidException>(() => ShardSpec.Parse("auto/4", Env((ShardSpec.KubernetesVariable, "5"))));

        Assert.Contains("JOB_COMPLETION_INDEX", e.Message);
        Assert.Contains("0 to 3", e.Message);
    }

    [Fact]
    public void Parse_WithoutAnEnvironmentFunction_ReadsTheProcessEnvironment()
    {
        // The variable is set for this process only while the test runs; no other test reads it.
        var previous = Environment.GetEnvironmentVariable(ShardSpec.SlurmVariable);
        Environment.SetEnvironmentVariable(ShardSpec.SlurmVariable, "1");
        try
        {
            Assert.Equal(new ShardSpec(1, 2), ShardSpec.Parse("auto/2"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ShardSpec.SlurmVariable, previous);
        }
    }
}
