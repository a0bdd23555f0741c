using Winnow.Learners;
using Winnow.Models;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Learners;

[Collection(TorchGlobalRandomCollection.Name)]
public class SopLearnerTests
{
    [Fact]
    public void CorrectionGrowsOnWrongLabelsAndOnlyForSamplesTrainedOn()
    {
        const int count = 300;
        var flipped = Enumerable.Range(0, count).Where(i => i % 5 == 0 && i < 250).ToHashSet();
        var labels = Enumerable.Range(0, count).Select(i => flipped.Contains(i) ? (i % 3 + 1) % 3 : i % 3).ToArray();
        using var data = Synthetic.Blobs(count, noisyLabels: labels, seed: 3);
        random.manual_seed(11);
        using var model = ModelCatalog.Create("mlp", [8], 3);
        var learner = new SopLearner(count, 3, images: false, new SopOptions(), seed: 1);
        using var trainer = new Trainer(model, data, new TrainerOptions { Epochs = 8, BatchSize = 32, LearningRate = 0.05 }, seed: 0, learner);
        var trained = EpochPlan.All(250);
        for (var epoch = 0; epoch < 8; epoch++) trainer.TrainEpoch(trained);

        // v_i² on the classes other than the given label is how SOP+ takes probability away from a wrong label.
        var vSquare = learner.V.detach().pow(2).clamp(0, 1);
        var mass = Enumerable.Range(0, count).Select(i => vSquare[i].sum().item<float>() - vSquare[i, labels[i]].item<float>()).ToArray();
        var noisyMean = flipped.Average(i => mass[i]);
        var cleanMean = Enumerable.Range(0, 250).Where(i => !flipped.Contains(i)).Average(i => mass[i]);
        Assert.True(noisyMean > 3 * cleanMean, $"noisy {noisyMean} vs clean {cleanMean}");
        // Samples never trained on keep their N(0, 1e-8²) start.
        Assert.True(learner.V[250..].abs().max().item<float>() < 1e-6);
        Assert.True(learner.U[250..].abs().max().item<float>() < 1e-6);
    }
}
