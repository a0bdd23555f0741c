using Winnow.Models;
using Winnow.Data;
using Winnow.Scoring;
using Winnow.Scoring.Methods;
using Winnow.Tests.Support;
using Winnow.Training;

namespace Winnow.Tests.Scoring;

/// <summary>Every registered method through the one interface, on a small noisy problem.</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class CoresetMethodTests
{
    private static readonly TrainerOptions Surrogate = new() { BatchSize = 32, LearningRate = 0.05 };
    private const int Seed = 2;

    /// <summary>180 samples in 3 blobs; every 10th sample's label moved to the next class, or the one after, alternately.</summary>
    private static SampleSet NoisyBlobs()
    {
        var labels = Enumerable.Range(0, 180).Select(i => i % 3).ToArray();
        var noisy = labels.Select((l, i) => i % 10 == 0 ? (l + 1 + i / 10 % 2) % 3 : l).ToArray();
        return Synthetic.Blobs(180, classes: 3, dimension: 8, separation: 3f, seed: 4, noisyLabels: noisy);
    }

    private static CoresetSelection Run(string method, SampleSet set, double fraction, CoresetOptions? options = null)
    {
        using var context = new ScoringContext(set, options ?? new CoresetOptions { ScoreEpochs = 4, Tau = 0.9, MosoEpochs = 10, MosoCheckpoints = 4 }, ModelRecipe.For("mlp", set), Surrogate, Seed);
        return CoresetMethods.Create(method).Select(context, fraction);
    }

    public static TheoryData<string> Names => new(CoresetMethods.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void KeepsRoundNfDistinctSamplesAndRepeatsWithTheSameSeed(string method)
    {
        using var set = NoisyBlobs();
        var first = Run(method, set, 0.35);
        var second = Run(method, set, 0.35);
        Assert.Equal(63, first.Kept.Length);
        Assert.Equal(63, first.Kept.Distinct().Count());
        Assert.All(first.Kept, i => Assert.InRange(i, 0, 179));
        Assert.Equal(first.Kept, second.Kept);
        Assert.Equal(180, first.Scores.Count);
        Assert.Equal(first.Scores.Values, second.Scores.Values);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ClassBalanceIsTheDefaultAndKeepsEveryClassInProportion(string method)
    {
        using var set = NoisyBlobs();
        Assert.True(new CoresetOptions().Balance);
        var selection = Run(method, set, 0.5, new CoresetOptions { ScoreEpochs = 3, Tau = 0.9, MosoEpochs = 3, MosoCheckpoints = 2 });
        var perClass = selection.Kept.GroupBy(i => set.Labels[i]).Select(g => g.Count()).ToArray();
        Assert.Equal([30, 30, 30], perClass);
    }

    [Fact]
    public void UnknownMethodIsNamed()
    {
        var error = Assert.Throws<WinnowException>(() => CoresetMethods.Create("herding2"));
        Assert.Contains("unknown method 'herding2'", error.Message);
        Assert.Contains("prune4rel", error.Message);
    }

    [Theory]
    [InlineData("moso")]
    [InlineData("moso-fast")]
    public void MosoRanksMislabeledSamplesBelowCleanOnes(string method)
    {
        using var set = NoisyBlobs();
        var scores = Run(method, set, 0.5).Scores.Values;
        var noisy = set.NoisyMask!;
        var noisyMean = scores.Where((_, i) => noisy[i]).Average();
        var cleanMean = scores.Where((_, i) => !noisy[i]).Average();
        Assert.True(noisyMean < cleanMean, $"noisy {noisyMean} vs clean {cleanMean}");
        // A random mislabeled sample scores below a random clean one far more often than chance.
        var auroc = Winnow.Metrics.Auroc.Compute(scores.Select(v => -v).ToArray(), noisy);
        Assert.True(auroc > 0.8, $"AUROC of -score for the mislabeled samples: {auroc}");
    }

    [Fact]
    public void SmallLossAndAumDropTheMislabeledSamplesFirst()
    {
        using var set = NoisyBlobs();
        foreach (var method in new[] { "small-loss", "aum" })
        {
            var kept = Run(method, set, 0.8).Kept;
            Assert.DoesNotContain(kept, i => set.NoisyMask![i]);
        }
    }

    [Fact]
    public void El2nKeepsTheMislabeledSamples()
    {
        using var set = NoisyBlobs();
        // 18 of 180 labels are wrong; a random 10% would hold about 2 of them.
        var kept = Run("el2n", set, 0.1).Kept;
        Assert.True(kept.Count(i => set.NoisyMask![i]) >= 15);
    }

    [Fact]
    public void RepeatsAverageIndependentRuns()
    {
        using var set = NoisyBlobs();
        using var context = new ScoringContext(set, new CoresetOptions { ScoreEpochs = 2, Repeats = 2 }, ModelRecipe.For("mlp", set), Surrogate, Seed);
        var runs = context.Runs();
        Assert.Equal(2, runs.Count);
        var el2n = new El2nMethod().Score(context).Values;
        var a = ProbabilityScores.El2n(runs[0].Final.Probabilities, set.Labels, 3);
        var b = ProbabilityScores.El2n(runs[1].Final.Probabilities, set.Labels, 3);
        Assert.NotEqual(a, b);
        for (var i = 0; i < set.Count; i++) Assert.Equal((a[i] + b[i]) / 2, el2n[i], 5);
    }

    [Fact]
    public void ModerateDistancesAndMiddleBandByHand()
    {
        // Class 0 embeddings (1-D): 0, 1, 2, 10 → median 1.5 → distances 1.5, 0.5, 0.5, 8.5.
        float[] embeddings = [0f, 1f, 2f, 10f];
        var distances = ModerateMethod.Distances(embeddings, 1, [0, 0, 0, 0]);
        Assert.Equal([1.5f, 0.5f, 0.5f, 8.5f], distances);
        // Ranked by distance: 1, 2, 0, 3; the middle two are 2 and 0.
        Assert.Equal([2, 0], ModerateMethod.MiddleBand([0, 1, 2, 3], distances, 2).ToArray());
    }
}
