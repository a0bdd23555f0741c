using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Models;
using Winnow.Runs;
using Winnow.Training;

namespace Winnow.Tests.Runs;

[Collection(TorchGlobalRandomCollection.Name)]
public class CrossValidationTests
{
    [Fact]
    public void FoldsAreStratifiedSeededAndCoverEverySampleOnce()
    {
        int[] labels = [.. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 7), .. Enumerable.Repeat(2, 3)];
        var folds = CrossValidation.Folds(labels, 5, seed: 4);
        Assert.Equal(folds, CrossValidation.Folds(labels, 5, seed: 4));
        Assert.NotEqual(folds, CrossValidation.Folds(labels, 5, seed: 5));
        Assert.All(folds, f => Assert.InRange(f, 0, 4));
        foreach (var label in new[] { 0, 1, 2 })
        {
            // Within a class the folds differ in size by at most one.
            var sizes = Enumerable.Range(0, 5).Select(f => labels.Where((l, i) => l == label && folds[i] == f).Count()).ToArray();
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"class {label}: {string.Join(", ", sizes)}");
        }
        Assert.Equal(4, Enumerable.Range(0, 5).Min(f => folds.Count(x => x == f)));
    }

    [Fact]
    public void OutOfSampleProbabilitiesNeverComeFromAModelThatSawTheSample()
    {
        // Random labels on random inputs: a model that saw a sample has memorised its label; one that
        // did not can only guess (1/3). So in-sample self-confidence is high and out-of-sample is near chance.
        const int count = 60, features = 24, classes = 3;
        var random = new Random(7);
        float[] Draw(int n) => Enumerable.Range(0, n * features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int[] Labels(int n) => Enumerable.Range(0, n).Select(_ => random.Next(classes)).ToArray();
        var dataset = new Dataset("random", DatasetKind.Table, new Split(Draw(count), Labels(count), [features]),
            new Split(Draw(12), Labels(12), [features]), classes, ["a", "b", "c"]);
        using var data = DataPipeline.Prepare(dataset, NoiseSpec.None, null, seed: 1);
        var spec = new RunSpec
        {
            Data = new DataSpec { Dataset = "csv:unused" },
            Model = "mlp",
            Trainer = new TrainerOptions { Epochs = 60, BatchSize = 10, LearningRate = 0.05, WeightDecay = 0 },
        };
        var model = ModelRecipe.For("mlp", data.Train);

        double MeanSelfConfidence(float[] probabilities) =>
            Enumerable.Range(0, count).Average(i => probabilities[i * classes + data.Train.Labels[i]]);

        using (var full = RunTraining.Train(spec, data, model, null, null, null, null, CancellationToken.None, evaluateEveryEpoch: false))
            Assert.InRange(MeanSelfConfidence(full.Trainer.Predict(data.Train).Probabilities), 0.8, 1.0);
        var outOfSample = CrossValidation.Probabilities(spec, data, model, folds: 3, progress: null, CancellationToken.None);
        Assert.InRange(MeanSelfConfidence(outOfSample), 0.0, 0.45);
        Assert.Equal(outOfSample, CrossValidation.Probabilities(spec, data, model, folds: 3, progress: null, CancellationToken.None));
    }
}
