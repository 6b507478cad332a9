using YtPipe.Core.Sharding;

namespace YtPipe.Tests.Sharding;

public sealed class ShardPlannerTests
{
    private static List<ShardItem> RandomCorpus(Random random, int count) =>
        Enumerable.Range(0, count)
            .Select(i => new ShardItem($"folder{random.Next(3)}/file{i:000}.mp3", random.Next(0, 5) == 0 ? random.Next(1, 1000) : random.Next(1, 50_000_000)))
            .ToList();

    [Fact]
    public void EveryFileIsInExactlyOneShard_ForOneToSevenShards_OverRandomCorpora()
    {
        var random = new Random(13);
        for (var corpus = 0; corpus < 20; corpus++)
        {
            var items = RandomCorpus(random, random.Next(0, 60));
            for (var count = 1; count <= 7; count++)
            {
                var shards = ShardPlanner.Assign(items, count);

                Assert.Equal(items.Count, shards.Length);
                Assert.All(shards, s => Assert.InRange(s, 0, count - 1));
                // What each of the N processes takes: together every file, and no file twice.
                var taken = Enumerable.Range(0, count)
                    .SelectMany(k => Enumerable.Range(0, items.Count).Where(i => ShardPlanner.Assign(items, count)[i] == k))
                    .ToList();
                Assert.Equal(Enumerable.Range(0, items.Count), taken.Order());
            }
        }
    }

    [Fact]
    public void ThePlanDoesNotDependOnTheOrderTheFilesAreListedIn()
    {
        var random = new Random(7);
        var items = RandomCorpus(random, 50);
        // Equal weights and equal keys' neighbours: the tie-breaks must decide, not the list order.
        items.AddRange(Enumerable.Range(0, 10).Select(i => new ShardItem($"same/size{i}.wav", 1_000_000)));
        for (var count = 1; count <= 7; count++)
        {
            var reference = Plan(items, count);
            for (var shuffle = 0; shuffle < 5; shuffle++)
            {
                var shuffled = items.OrderBy(_ => random.Next()).ToList();

                Assert.Equal(reference, Plan(shuffled, count));
            }
        }
    }

    [Fact]
    public void EveryShardIsWithinOneHeaviestFileOfTheIdeal()
    {
        var random = new Random(21);
        for (var corpus = 0; corpus < 20; corpus++)
        {
            var items = RandomCorpus(random, random.Next(1, 200));
            for (var count = 1; count <= 7; count++)
            {
                var shards = ShardPlanner.Assign(items, count);
                var loads = Enumerable.Range(0, count).Select(k => items.Where((_, i) => shards[i] == k).Sum(i => i.Weight)).ToList();
                var ideal = items.Sum(i => i.Weight) / (double)count;
                var heaviest = items.Max(i => i.Weight);

                Assert.All(loads, load => Assert.True(load <= ideal + heaviest, $"a shard of {load} bytes, ideal {ideal}, heaviest file {heaviest}"));
            }
        }
    }

    [Fact]
    public void BalancesBytesNotCounts()
    {
        // One large file and four small ones over two shards: counts would give 3 and 2 files;
        // bytes give the large file a shard of its own.
        var items = new List<ShardItem>
        {
            new("big.wav", 100), new("a.wav", 10), new("b.wav", 10), new("c.wav", 10), new("d.wav", 10),
        };

        var shards = ShardPlanner.Assign(items, 2);

        Assert.Equal(0, shards[0]);
        Assert.Equal([1, 1, 1, 1], shards[1..]);
    }

    [Fact]
    public void MoreShardsThanFiles_LeavesTheLastShardsEmpty()
    {
        var items = new List<ShardItem> { new("a.wav", 5), new("b.wav", 5) };

        Assert.Equal([0, 1], ShardPlanner.Assign(items, 4));
    }

    [Fact]
    public void ACountBelowOne_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardPlanner.Assign([new("a.wav", 1)], 0));
    }

    private static Dictionary<string, int> Plan(List<ShardItem> items, int count)
    {
        var shards = ShardPlanner.Assign(items, count);
        return items.Select((item, i) => (item.Key, Shard: shards[i])).ToDictionary(p => p.Key, p => p.Shard);
    }
}
