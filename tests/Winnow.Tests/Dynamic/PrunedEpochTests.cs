using Winnow.Dynamic;
using static TorchSharp.torch;

namespace Winnow.Tests.Dynamic;

public class PrunedEpochTests
{
    [Fact]
    public void UserLoopGetsWeightedMeanAndPrunerLearnsTheLosses()
    {
        var pruner = new InfoBatchPruner(10, new DynamicOptions { PruneRatio = 0.4 }, 1);
        var first = pruner.BeginEpoch(0, 8);
        foreach (var batch in first.Batches(4))
        {
            using var losses = tensor(batch.Select(i => (float)i).ToArray());
            using var loss = first.Update(batch, losses);
            Assert.Equal(batch.Average(i => (float)i), loss.item<float>(), 4);
        }
        first.Complete();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), pruner.Scores);

        var second = pruner.BeginEpoch(1, 8);
        Assert.Equal(8, second.Plan.Count);
        var seen = new List<long>();
        foreach (var batch in second.Batches(3))
        {
            seen.AddRange(batch);
            using var losses = ones(batch.Length);
            using var loss = second.Update(batch, losses);
            // Mean of weights: candidates (< 5) weigh 1/0.6, the rest 1.
            var expected = batch.Average(i => i < 5 ? 1 / 0.6 : 1.0);
            Assert.Equal(expected, loss.item<float>(), 4);
        }
        Assert.Equal(second.Plan.Indices.Select(i => (long)i).Order(), seen.Order());
        second.Complete();
    }

    [Fact]
    public void MissingLossesAreCaught()
    {
        var epoch = new UniformPruner(6, new DynamicOptions { PruneRatio = 0.5 }, 0).BeginEpoch(0, 2);
        Assert.Throws<InvalidOperationException>(() => epoch.Complete());
    }
}
