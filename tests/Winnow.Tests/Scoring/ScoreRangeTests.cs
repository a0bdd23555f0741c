using Winnow.Scoring;

namespace Winnow.Tests.Scoring;

public class ScoreRangeTests
{
    [Fact]
    public void ShardsFallOnBlocksOf256AndCoverEverySampleOnce()
    {
        // 1,000 samples are 4 blocks; 3 shards take round(4k/3) blocks: 0, 1, 3, 4 → [0, 256), [256, 768), [768, 1000).
        Assert.Equal([new(0, 256), new(256, 768), new(768, 1000)], Enumerable.Range(1, 3).Select(k => ScoreRange.Shard(k, 3, 1000)).ToArray());
        foreach (var (count, shards) in new[] { (1, 1), (255, 4), (257, 2), (60000, 7), (1281167, 64) })
        {
            var ranges = Enumerable.Range(1, shards).Select(k => ScoreRange.Shard(k, shards, count)).ToArray();
            Assert.Equal(0, ranges[0].From);
            Assert.Equal(count, ranges[^1].To);
            for (var k = 1; k < shards; k++) Assert.Equal(ranges[k - 1].To, ranges[k].From);
            // A boundary is a block multiple, or the end of the set (where the last block is short).
            Assert.All(ranges, r => Assert.True((r.From % ScoreRange.Alignment == 0 || r.From == count) && r.Count >= 0));
        }
        Assert.True(ScoreRange.Shard(1, 1, 10).IsAll(10));
        Assert.Equal([3, 4], new ScoreRange(3, 5).Slice(new[] { 0, 1, 2, 3, 4, 5 }));
    }
}
