using Winnow.Data;
using Winnow.Models;
using Winnow.Scoring;
using Winnow.Scoring.Methods;
using Winnow.Tests.Support;
using Winnow.Training;

namespace Winnow.Tests.Scoring;

/// <summary>MoSo's reference protocol: the exact scorer, the partitions, the checkpoints and their learning rates.</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class MosoTests
{
    private static readonly CoresetOptions Tiny = new() { MosoPartitions = 2, MosoEpochs = 3, MosoCheckpoints = 2 };
    private static readonly TrainerOptions Run = new() { BatchSize = 32 };

    private static float[] Scores(SampleSet set, CoresetOptions options, int seed = 2)
    {
        using var context = new ScoringContext(set, options, ModelRecipe.For("mlp", set), Run, seed);
        return new MosoMethod().Score(context).Values;
    }

    [Fact]
    public void ExactScoreByHand()
    {
        // n = 3, ‖ḡ‖² = 4, ⟨ḡ, g⟩ = 2, ‖g‖² = 9: (3·4 − 9 + 2·(2 − 3)) / 4 = 0.25.
        Assert.Equal(0.25, MosoScore.Exact(3, 4, 2, 9), 12);
        // Gradients g1 = (1, 0), g2 = (0, 2), g3 = (2, 1): ḡ = (1, 1), ‖ḡ‖² = 2; for g3 ⟨ḡ, g⟩ = 3, ‖g‖² = 5:
        // (3·2 − 5 + 2·(3 − 5/3)) / 4 = (1 + 8/3) / 4 = 11/12.
        Assert.Equal(11.0 / 12, MosoScore.Exact(3, 2, 3, 5), 12);
        // n = 2: the ⟨ḡ − g/n, g⟩ term vanishes.
        Assert.Equal(1.0 * 7 - 3, MosoScore.Exact(2, 7, 100, 3), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => MosoScore.Exact(1, 1, 1, 1));
    }

    [Fact]
    public void InsideOneSetTheScoreRanksAsTheDotMinusOneAndAHalfSelfTerms()
    {
        const int n = 10_000;
        double Ranked(double dot, double squared) => (MosoScore.Exact(n, 2, dot, squared) - MosoScore.Exact(n, 2, 0, 0)) * (n - 1.0) * (n - 1) / (2.0 * n - 4);
        Assert.Equal(3 - 1.5 * 50.0 / n, Ranked(3, 50), tolerance: 1e-6);
    }

    [Fact]
    public void PartitionsAreContiguousBlocksWithTheRemainderLast()
    {
        var parts = Partitions.Contiguous(11, 3);
        Assert.Equal([0, 1, 2], parts[0]);
        Assert.Equal([3, 4, 5], parts[1]);
        Assert.Equal([6, 7, 8, 9, 10], parts[2]);
        Assert.Equal(Enumerable.Range(0, 10_003), Partitions.Contiguous(10_003, 8).SelectMany(p => p));
        Assert.All(Partitions.Contiguous(10_003, 8).Take(7), p => Assert.Equal(1250, p.Length));
    }

    [Fact]
    public void CheckpointEpochsAreDistinctAndSeeded()
    {
        var drawn = PartitionSurrogate.DrawEpochs(50, 10, seed: 7);
        Assert.Equal(10, drawn.Distinct().Count());
        Assert.All(drawn, e => Assert.InRange(e, 0, 49));
        Assert.Equal(drawn.Order(), drawn);
        Assert.Equal(drawn, PartitionSurrogate.DrawEpochs(50, 10, seed: 7));
        Assert.NotEqual(drawn, PartitionSurrogate.DrawEpochs(50, 10, seed: 8));
        Assert.Equal(Enumerable.Range(0, 5), PartitionSurrogate.DrawEpochs(5, 5, seed: 1));
    }

    [Fact]
    public void CheckpointsComeAfterTheirEpochWithTheLearningRateItTrainedWith()
    {
        using var set = Synthetic.Blobs(60, classes: 3, dimension: 4);
        var recipe = ModelRecipe.For("mlp", set);
        using var initial = recipe.Build(1);
        var options = MosoMethod.SurrogateOptions(new CoresetOptions { MosoEpochs = 3 }, Run);
        using var surrogate = PartitionSurrogate.Train(initial, recipe, set, Enumerable.Range(0, 30).ToArray(), options, [0, 2], seed: 1);
        Assert.Equal([0, 2], surrogate.Checkpoints.Select(c => c.Epoch));
        Assert.Equal(0.1, surrogate.Checkpoints[0].LearningRate, 12);
        Assert.Equal(1e-4 + (0.1 - 1e-4) * 0.5 * (1 + Math.Cos(2 * Math.PI / 3)), surrogate.Checkpoints[1].LearningRate, 12);
        // Epoch 0's checkpoint is already trained; the initial network is left alone.
        using var probe = TorchSharp.torch.ones(1, 4);
        using var before = initial.call(probe);
        using var after = surrogate.Checkpoints[0].Model.call(probe);
        Assert.False(before.allclose(after));
        Assert.False(surrogate.Checkpoints[0].Model.training);
    }

    [Fact]
    public void ASampleIsScoredOnlyByItsOwnPartition()
    {
        var labels = Enumerable.Range(0, 120).Select(i => i % 3).ToArray();
        using var clean = Synthetic.Blobs(120, classes: 3, dimension: 6, seed: 3);
        // The second partition (rows 60–119) gets some wrong labels; the first keeps its own.
        using var changed = Synthetic.Blobs(120, classes: 3, dimension: 6, seed: 3,
            noisyLabels: labels.Select((l, i) => i >= 60 && i % 4 == 0 ? (l + 1) % 3 : l).ToArray());
        var a = Scores(clean, Tiny);
        var b = Scores(changed, Tiny);
        Assert.Equal(a[..60], b[..60]);
        Assert.NotEqual(a[60..], b[60..]);
    }

    [Fact]
    public void TheSameSeedGivesTheSameScoresAndAnotherSeedOthers()
    {
        using var set = Synthetic.NoisyBlobs(90, 0.2, seed: 5);
        var first = Scores(set, Tiny);
        Assert.Equal(first, Scores(set, Tiny));
        Assert.NotEqual(first, Scores(set, Tiny, seed: 3));
        Assert.All(first, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void TheSurrogatesCountInTheSelectionsCost()
    {
        using var set = Synthetic.Blobs(40, classes: 2, dimension: 3);
        using var context = new ScoringContext(set, Tiny, ModelRecipe.For("mlp", set), Run, seed: 1);
        new MosoMethod().Score(context);
        Assert.Equal(40L * 3, context.SurrogateSamplesBackpropagated);
        Assert.True(context.SurrogateSeconds > 0);
        // Another kept fraction of the same run reuses the scores: nothing trains again.
        var half = new MosoMethod().Select(context, 0.5);
        Assert.Equal(40L * 3, context.SurrogateSamplesBackpropagated);
        Assert.Equal(20, half.Kept.Length);
    }

    [Fact]
    public void BadSettingsAreRefusedInTheLibrarysWords()
    {
        var draw = Assert.Throws<WinnowException>(() => new CoresetOptions { MosoEpochs = 3, MosoCheckpoints = 4 }.Validate());
        Assert.Equal("MoSo draws 4 checkpoints from 3 surrogate epochs: draw at most one per epoch", draw.Message);
        using var set = Synthetic.Blobs(9, classes: 3, dimension: 3);
        var small = Assert.Throws<WinnowException>(() => Scores(set, Tiny with { MosoPartitions = 8 }));
        Assert.Contains("fewer than 2 samples each", small.Message);
    }
}
