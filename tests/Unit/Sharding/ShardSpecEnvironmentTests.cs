using YtPipe.Core.Sharding;
using YtPipe.Tests.Support;

namespace YtPipe.Tests.Sharding;

[Collection(EnvironmentCollection.Name)]
public sealed class ShardSpecEnvironmentTests
{
    [Fact]
    public void Parse_WithoutAnEnvironmentFunction_ReadsTheProcessEnvironment()
    {
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
