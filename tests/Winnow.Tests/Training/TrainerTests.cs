using Winnow.Settings;
using TorchSharp;
using Winnow.Models;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Training;

public class TrainerTests
{
    private static readonly TrainerOptions Fast = new() { Epochs = 5, BatchSize = 32, LearningRate = 0.05 };
    private const int Seed = 3;

    private static Classifier NewMlp(int seed, int dimension = 8, int classes = 3)
    {
        random.manual_seed(seed);
        return ModelCatalog.Create("mlp", [dimension], classes);
    }

    [Fact]
    public void ReachesHighAccuracyOnSeparableProblem()
    {
        using var train = Synthetic.Blobs(600, seed: 1);
        using var test = Synthetic.Blobs(300, seed: 2);
        using var model = NewMlp(7);
        using var trainer = new Trainer(model, train, Fast, Seed);
        var epochs = trainer.Fit(FixedPlanner.FullData(train.Count), test);
        Assert.Equal(5, epochs.Count);
        Assert.True(epochs[^1].TestAccuracy > 0.95, $"test accuracy {epochs[^1].TestAccuracy}");
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss);
    }

    [Fact]
    public void SameSeedGivesIdenticalTrajectoriesAndAccuracy()
    {
        using var train = Synthetic.Blobs(300, seed: 1);
        using var test = Synthetic.Blobs(100, seed: 2);
        (float[] Losses, double Accuracy) RunOnce()
        {
            using var model = NewMlp(11);
            using var trainer = new Trainer(model, train, Fast with { Epochs = 3 }, Seed);
            var epochs = trainer.Fit(FixedPlanner.FullData(train.Count), test);
            return (trainer.Trajectory!.LossMatrix(), epochs[^1].TestAccuracy!.Value);
        }
        var first = RunOnce();
        var second = RunOnce();
        Assert.Equal(first.Accuracy, second.Accuracy);
        Assert.Equal(first.Losses, second.Losses);
    }

    [Fact]
    public void RecordsOnlyTheSamplesThePlanNames()
    {
        using var train = Synthetic.Blobs(90, seed: 1);
        using var model = NewMlp(5);
        using var trainer = new Trainer(model, train, Fast with { Epochs = 2 }, Seed);
        var subset = new[] { 0, 5, 7, 42, 89 };
        var result = trainer.TrainEpoch(new EpochPlan(subset));
        Assert.Equal(5, result.Losses.Length);
        Assert.Equal(5, result.SamplesBackpropagated);
        var losses = trainer.Trajectory!.LossesAt(0);
        var correct = trainer.Trajectory!.CorrectAt(0);
        for (var i = 0; i < train.Count; i++)
        {
            Assert.Equal(subset.Contains(i), !float.IsNaN(losses[i]));
            Assert.Equal(subset.Contains(i), correct[i] >= 0);
        }
        // Recorded losses are the per-sample cross-entropy of the training labels (positive, finite).
        Assert.All(subset, i => Assert.True(losses[i] > 0 && float.IsFinite(losses[i])));
    }

    [Fact]
    public void MarginIsTrueClassProbabilityMinusBestOther()
    {
        using var train = Synthetic.Blobs(64, seed: 1);
        using var model = NewMlp(5);
        using var trainer = new Trainer(model, train, Fast with { Epochs = 1, BatchSize = 64, Momentum = 0, Nesterov = false }, Seed);
        // The record is taken on the forward pass before the update: compare with a prediction made now, before training.
        var before = trainer.Predict(train);
        var result = trainer.TrainEpoch(EpochPlan.All(train.Count));
        for (var i = 0; i < train.Count; i++)
        {
            var p = before.ProbabilitiesOf(i).ToArray();
            var y = train.Labels[i];
            var bestOther = Enumerable.Range(0, 3).Where(c => c != y).Max(c => p[c]);
            Assert.Equal(p[y] - bestOther, result.Margins[i], 4);
            Assert.Equal(-Math.Log(p[y]), result.Losses[i], 4);
        }
    }

    [Fact]
    public void NaNLossStopsWithAClearError()
    {
        using var train = Synthetic.Blobs(40, seed: 1);
        train.Inputs[3, 2] = tensor(float.NaN);
        using var model = NewMlp(5);
        using var trainer = new Trainer(model, train, Fast with { Epochs = 1 }, Seed);
        var error = Assert.Throws<WinnowException>(() => trainer.TrainEpoch(EpochPlan.All(train.Count)));
        Assert.Contains("NaN", error.Message);
        Assert.Contains("epoch 1", error.Message);
    }

    [Fact]
    public void ALossFarAboveTheFirstBatchsIsDivergenceEvenWhenFinite()
    {
        using var train = Synthetic.Blobs(96, seed: 1);
        using var model = NewMlp(5);
        using var trainer = new Trainer(model, train, Fast with { Epochs = 1 }, Seed, new ScaledLearner(batch => batch == 2 ? 1e6f : 1f));
        var error = Assert.Throws<WinnowException>(() => trainer.TrainEpoch(EpochPlan.All(train.Count)));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(error.Message, @"^the training loss exploded to \S+ in epoch 1, batch 3 \(the first batch's was \S+\); lower the learning rate \(now 0.05\) or check the inputs for NaN$"), error.Message);

        // 999 times the first batch's loss is a bad step, not yet divergence.
        using var other = NewMlp(5);
        using var tolerant = new Trainer(other, train, Fast with { Epochs = 1 }, Seed, new ScaledLearner(batch => batch == 2 ? 900f : 1f));
        tolerant.TrainEpoch(EpochPlan.All(train.Count));
    }

    /// <summary>Cross-entropy multiplied by a factor chosen per batch (0-based), to provoke a divergence on purpose.</summary>
    private sealed class ScaledLearner(Func<int, float> factor) : Winnow.Learners.IBatchLearner
    {
        private int _batch;

        public string Name => "scaled";

        public Winnow.Learners.LearnerLoss Loss(Winnow.Learners.LearnerBatch batch) =>
            new(nn.functional.cross_entropy(batch.Logits, batch.Labels, reduction: nn.Reduction.None) * factor(_batch++));

        public void Dispose() { }
    }

    [Fact]
    public void LiveTensorCountStaysFlatAcrossEpochs()
    {
        using var train = Synthetic.Blobs(256, seed: 1);
        using var test = Synthetic.Blobs(64, seed: 2);
        using var model = NewMlp(5);
        using var trainer = new Trainer(model, train, Fast with { Epochs = 6 }, Seed);
        var planner = FixedPlanner.FullData(train.Count);
        trainer.TrainEpoch(planner.Plan(0, 6));
        trainer.Evaluate(test);
        trainer.Predict(test);
        var afterFirst = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var e = 1; e < 6; e++)
        {
            trainer.TrainEpoch(planner.Plan(e, 6));
            trainer.Evaluate(test);
            trainer.Predict(test);
        }
        Assert.Equal(afterFirst, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void PerSampleWeightsScaleTheLoss()
    {
        // Weight 0 on every sample: the loss contributes no gradient, so with no weight decay and no momentum the model is unchanged.
        using var train = Synthetic.Blobs(64, seed: 1);
        using var model = NewMlp(5);
        using var trainer = new Trainer(model, train, Fast with { Epochs = 1, WeightDecay = 0, Momentum = 0, Nesterov = false }, Seed);
        var before = trainer.Predict(train).Logits;
        trainer.TrainEpoch(new EpochPlan(Enumerable.Range(0, 64).ToArray(), Enumerable.Repeat(0f, 64).ToArray()));
        var after = trainer.Predict(train).Logits;
        Assert.Equal(before, after);
    }

    [Fact]
    public void GradientClippingBoundsEachStep()
    {
        // Plain SGD, no decay: the update of a step is lr · gradient, so a clipped gradient barely moves the model.
        using var train = Synthetic.Blobs(64, seed: 1);
        var plain = Fast with { Epochs = 1, BatchSize = 64, WeightDecay = 0, Momentum = 0, Nesterov = false };
        float Change(TrainerOptions options)
        {
            using var model = NewMlp(5);
            using var trainer = new Trainer(model, train, options, Seed);
            var before = trainer.Predict(train).Logits;
            trainer.TrainEpoch(EpochPlan.All(train.Count));
            var after = trainer.Predict(train).Logits;
            return before.Zip(after, (a, b) => Math.Abs(a - b)).Max();
        }
        var free = Change(plain);
        var clipped = Change(plain with { ClipGradNorm = 1e-6 });
        Assert.True(free > 1e-3, $"unclipped change {free}");
        Assert.True(clipped < 1e-5, $"clipped change {clipped}");
    }

    [Fact]
    public void CosineScheduleStartsAtTheRateAndHalvesMidway()
    {
        Assert.Equal(0.1, LearningRates.At(LearningRateSchedule.Cosine, 0.1, 0, 10), 12);
        Assert.Equal(0.05, LearningRates.At(LearningRateSchedule.Cosine, 0.1, 5, 10), 12);
        Assert.Equal(0.1 * 0.5 * (1 + Math.Cos(Math.PI * 9 / 10)), LearningRates.At(LearningRateSchedule.Cosine, 0.1, 9, 10), 12);
        Assert.Equal(0.1, LearningRates.At(LearningRateSchedule.Constant, 0.1, 9, 10));
    }

    [Fact]
    public void CosineScheduleEndsAtItsMinimumAsPyTorchsEtaMin()
    {
        Assert.Equal(0.1, LearningRates.At(LearningRateSchedule.Cosine, 0.1, 0, 50, 1e-4), 12);
        Assert.Equal(1e-4 + (0.1 - 1e-4) / 2, LearningRates.At(LearningRateSchedule.Cosine, 0.1, 25, 50, 1e-4), 12);
        Assert.Equal(1e-4, LearningRates.At(LearningRateSchedule.Cosine, 0.1, 50, 50, 1e-4), 12);
        Assert.Equal("the minimum learning rate (0.2) exceeds the learning rate (0.1)",
            Assert.Throws<WinnowException>(() => new TrainerOptions { LearningRate = 0.1, MinLearningRate = 0.2 }.Validate()).Message);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Equal("epochs must be at least 1 (got 0)", Assert.Throws<SettingException>(() => (Fast with { Epochs = 0 }).Validate()).Message);
        Assert.Equal("learning rate must be above 0 (got -1)", Assert.Throws<SettingException>(() => (Fast with { LearningRate = -1 }).Validate()).Message);
        Assert.Equal("learning rate must be a finite number (got NaN)", Assert.Throws<SettingException>(() => (Fast with { LearningRate = double.NaN }).Validate()).Message);
        Assert.Equal("Nesterov momentum needs a momentum above 0", Assert.Throws<WinnowException>(() => (Fast with { Momentum = 0 }).Validate()).Message);
        Assert.Equal("sample index 99 is outside the training set (0–9)", Assert.Throws<WinnowException>(() => new EpochPlan([0, 99]).Validate(10)).Message);
    }
}
