using Winnow.Data;
using Winnow.Models;
using Winnow.Scoring;
using Winnow.Scoring.Methods;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Scoring;

/// <summary>Prune4ReL's reference inputs: a warm-up on the run's own schedule, then a strongly augmented eval pass.</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class Prune4RelInputsTests
{
    private static SampleSet Images(int n)
    {
        using var g = new Generator(3);
        var labels = Enumerable.Range(0, n).Select(i => i % 4).ToArray();
        return new SampleSet(rand(new long[] { n, 1, 28, 28 }, generator: g), labels, null, 4) { BlackPixel = [-0.5f] };
    }

    private static int[] Kept(SampleSet set, Prune4RelInputs inputs, int seed)
    {
        var options = new CoresetOptions { ScoreEpochs = 2, Prune4RelInputs = inputs, Tau = 0.5 };
        using var context = new ScoringContext(set, options, ModelRecipe.For("small-cnn", set), new TrainerOptions { Epochs = 20, BatchSize = 16 }, seed);
        return new Prune4RelMethod().Select(context, 0.5).Kept;
    }

    [Fact]
    public void TheStrongPassIsSeededAndDiffersFromTheCleanOne()
    {
        using var set = Images(48);
        var strong = Kept(set, Prune4RelInputs.Strong, seed: 1);
        Assert.Equal(strong, Kept(set, Prune4RelInputs.Strong, seed: 1));
        Assert.Equal(24, strong.Length);
        Assert.NotEqual(strong.Order(), Kept(set, Prune4RelInputs.Clean, seed: 1).Order());
    }

    [Fact]
    public void AWarmUpTrainsTheFirstEpochsOfTheLongerSchedule()
    {
        using var set = Synthetic.Blobs(32, classes: 2, dimension: 3);
        using var model = ModelRecipe.For("mlp", set).Build(1);
        using var trainer = new Trainer(model, set, new TrainerOptions { Epochs = 2, ScheduleEpochs = 4, LearningRate = 0.1 }, seed: 1);
        var plan = EpochPlan.All(set.Count);
        Assert.Equal(0.1, trainer.TrainEpoch(plan).LearningRate, 12);
        // Epoch 1 of a 4-epoch cosine, not the last epoch of a 2-epoch one (which would be 0.05).
        Assert.Equal(0.1 * 0.5 * (1 + Math.Cos(Math.PI / 4)), trainer.TrainEpoch(plan).LearningRate, 12);
    }
}
