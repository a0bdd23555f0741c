using TorchSharp;
using Winnow.Data;
using Winnow.Learners.DivideMix;
using Winnow.Models;
using Winnow.Tests.Support;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Tests.Learners.DivideMix;

/// <summary>End-to-end DivideMix, as a two-network learner behind the trainer, on small Gaussian blobs with 30% of the labels flipped.</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class DivideMixLearnerTests
{
    private const int Classes = 3;
    private const int Dimension = 8;
    private const int Seed = 3;

    private static readonly TrainerOptions Fast = new() { Epochs = 7, BatchSize = 64, LearningRate = 0.05 };
    private static readonly DivideMixOptions Short = new() { WarmupEpochs = 2, RampUpEpochs = 2 };

    private static (Classifier, Classifier) TwoMlps(int seed)
    {
        random.manual_seed(Seeds.Derive(seed, "net", 0));
        var first = ModelCatalog.Create("mlp", [Dimension], Classes);
        random.manual_seed(Seeds.Derive(seed, "net", 1));
        var second = ModelCatalog.Create("mlp", [Dimension], Classes);
        return (first, second);
    }

    /// <summary>The learner and the trainer that runs it; disposing the trainer disposes the learner.</summary>
    private static (Trainer Trainer, DivideMixLearner Learner) Build(Classifier a, Classifier b, SampleSet train, TrainerOptions options, DivideMixOptions divideMix)
    {
        var learner = new DivideMixLearner(divideMix, options.Epochs);
        return (new Trainer([a, b], train, options, Seed, learner), learner);
    }

    [Fact]
    public void TrainsThroughNoiseAndSeparatesCleanFromFlipped()
    {
        using var train = Synthetic.NoisyBlobs(360, 0.3, seed: 1);
        using var test = Synthetic.Blobs(200, Classes, Dimension, seed: 2);
        var (first, second) = TwoMlps(7);
        using var a = first;
        using var b = second;
        var (built, learner) = Build(a, b, train, Fast, Short);
        using var trainer = built;
        var subset = Enumerable.Range(0, train.Count).ToArray();
        var progress = new List<TrainingProgress>();
        var epochs = trainer.Fit(new FixedPlanner(subset), test, new SynchronousProgress(progress.Add));

        Assert.Equal(7, epochs.Count);
        Assert.Equal(7, learner.History.Count);
        Assert.Null(trainer.Trajectory);
        Assert.True(epochs[^1].TestAccuracy > 0.93, $"test accuracy {epochs[^1].TestAccuracy}");
        Assert.Equal(trainer.Evaluate(test), epochs[^1].TestAccuracy);
        var noisy = train.NoisyMask!;
        Assert.All(epochs, e => Assert.Equal(noisy.Count(n => n), e.NoisyTrainedOn));
        Assert.InRange(noisy.Count(n => n) / (double)train.Count, 0.25, 0.35);

        // The mixture's clean probability, averaged over both networks' fits, is far higher for clean samples.
        Assert.Equal(subset, learner.SplitSubset);
        var clean = Enumerable.Range(0, subset.Length).Select(k => (learner.CleanProbabilities[0][k] + learner.CleanProbabilities[1][k]) / 2).ToArray();
        var cleanMean = clean.Where((_, k) => !noisy[subset[k]]).Average();
        var flippedMean = clean.Where((_, k) => noisy[subset[k]]).Average();
        Assert.True(cleanMean > flippedMean + 0.5, $"clean {cleanMean:F3}, flipped {flippedMean:F3}");

        // The labeled sets hold about the clean share, and few flipped samples.
        var last = learner.History[^1];
        Assert.False(last.WarmUp);
        Assert.Equal(2, last.Splits.Count);
        Assert.InRange(learner.LabeledFraction!.Value, 0.55, 0.8);
        Assert.Equal(learner.LabeledFraction, learner.Report.DividemixLabeledFraction);
        Assert.All(last.Splits, s => Assert.True(s.NoisyLabeled < 0.1 * s.Labeled, $"{s.NoisyLabeled} flipped of {s.Labeled} labeled"));
        Assert.All(last.Splits, s => Assert.Null(s.Fallback));
        Assert.True(last.LambdaU > 0);

        // Label correction: the summed logits give most flipped samples back their true class.
        var flipped = subset.Where(i => noisy[i]).ToArray();
        var predicted = trainer.PredictClasses(train, flipped);
        var corrected = flipped.Where((i, k) => predicted[k] == train.CleanLabels![i]).Count() / (double)flipped.Length;
        Assert.True(corrected > 0.9, $"corrected {corrected:F3}");

        // Counters: warm-up trains each network once on the subset; later epochs add the scoring passes and the guesses.
        Assert.Equal(2L * train.Count, learner.History[0].SamplesBackpropagated);
        Assert.Equal(2L * train.Count, learner.History[0].SamplesForwarded);
        Assert.Equal(learner.History.Sum(e => e.SamplesForwarded), trainer.SamplesForwarded);
        Assert.Equal(learner.History.Sum(e => e.SamplesBackpropagated), trainer.SamplesBackpropagated);
        Assert.All(learner.History.Skip(2), e => Assert.True(e.SamplesForwarded > 2L * train.Count + e.SamplesBackpropagated));
        Assert.Contains(progress, p => p.Finished is not null && p.Epoch == 6);
        Assert.Contains(progress, p => p.Batch > 0 && p.Batch == p.Batches);
    }

    [Fact]
    public void SameSeedGivesSameNumbers()
    {
        using var train = Synthetic.NoisyBlobs(150, 0.3, seed: 4);
        using var test = Synthetic.Blobs(60, Classes, Dimension, seed: 5);
        (double Accuracy, double[] Clean, double Loss) RunOnce()
        {
            var (first, second) = TwoMlps(9);
            using var a = first;
            using var b = second;
            var (built, learner) = Build(a, b, train, Fast with { Epochs = 3 }, Short);
            using var trainer = built;
            var epochs = trainer.Fit(FixedPlanner.FullData(train.Count), test);
            return (epochs[^1].TestAccuracy!.Value, learner.CleanProbabilities[0], epochs[^1].TrainLoss);
        }
        var one = RunOnce();
        var two = RunOnce();
        Assert.Equal(one.Accuracy, two.Accuracy);
        Assert.Equal(one.Clean, two.Clean);
        Assert.Equal(one.Loss, two.Loss);
    }

    [Fact]
    public void TrainsOnlyTheSubset()
    {
        using var train = Synthetic.NoisyBlobs(120, 0.3, seed: 6);
        var (first, second) = TwoMlps(2);
        using var a = first;
        using var b = second;
        var (built, learner) = Build(a, b, train, Fast with { Epochs = 3 }, Short);
        using var trainer = built;
        var subset = Enumerable.Range(0, 60).Select(i => 2 * i).ToArray();
        var epochs = trainer.Fit(new FixedPlanner(subset));
        Assert.All(epochs, e => Assert.Equal(60, e.Samples));
        Assert.Equal(subset, learner.SplitSubset);
        Assert.All(learner.CleanProbabilities, p => Assert.Equal(60, p.Length));
        Assert.All(learner.History[^1].Splits, s => Assert.Equal(60, s.Labeled + s.Unlabeled));
        Assert.Equal(2L * 60, learner.History[0].SamplesBackpropagated);
    }

    [Fact]
    public void TooSmallSubsetIsRefused()
    {
        using var train = Synthetic.NoisyBlobs(40, 0.3, seed: 1);
        var (first, second) = TwoMlps(1);
        using var a = first;
        using var b = second;
        var (built, _) = Build(a, b, train, Fast, Short);
        using var trainer = built;
        var error = Assert.Throws<WinnowException>(() => trainer.Fit(new FixedPlanner(Enumerable.Range(0, 9).ToArray())));
        Assert.Equal("DivideMix needs at least 10 training samples to split into labeled and unlabeled (got 9)", error.Message);
        var outside = Assert.Throws<WinnowException>(() => trainer.Fit(new FixedPlanner([0, 1, 2, 3, 4, 5, 6, 7, 8, 40])));
        Assert.Equal("sample index 40 is outside the training set (0–39)", outside.Message);
        Assert.Equal(0, trainer.EpochsDone);
    }

    [Fact]
    public void WarmUpMustLeaveEpochsForDivideMix()
    {
        using var train = Synthetic.NoisyBlobs(40, 0.3, seed: 1);
        var (first, second) = TwoMlps(1);
        using var a = first;
        using var b = second;
        var error = Assert.Throws<WinnowException>(() => new DivideMixLearner(Short, epochs: 2));
        Assert.Equal("DivideMix warms up for 2 epochs, so it needs more than that in all (got 2 epochs)", error.Message);
        Assert.Throws<ArgumentException>(() => new Trainer([a, a], train, Fast, Seed, new DivideMixLearner(Short, Fast.Epochs)));
        Assert.Throws<ArgumentException>(() => new Trainer(a, train, Fast, Seed, new DivideMixLearner(Short, Fast.Epochs)));
        using var trainer = Build(a, b, train, Fast, Short).Trainer;
        var dynamic = Assert.Throws<WinnowException>(() => trainer.Fit(new Winnow.Dynamic.UniformPruner(train.Count, new(), Seed)));
        Assert.Equal("the dividemix learner trains on a fixed set of samples: it cannot be combined with dynamic pruning", dynamic.Message);
    }

    [Fact]
    public void DegenerateSplitsFallBack()
    {
        // Twelve copies of one sample with one label: every loss is the same, the mixture gives
        // everyone 0.5, so with threshold 0.5 nobody is labeled and with 0.4 everybody is.
        const int n = 12;
        using var inputs = ones(n, Dimension);
        using var train = new SampleSet(inputs.clone(), new int[n], null, Classes);
        var subset = Enumerable.Range(0, n).ToArray();
        foreach (var (threshold, labeled) in new[] { (0.5, 0), (0.4, n) })
        {
            var (first, second) = TwoMlps(3);
            using var a = first;
            using var b = second;
            var (built, learner) = Build(a, b, train, Fast with { Epochs = 3, BatchSize = 4 }, Short with { PThreshold = threshold });
            using var trainer = built;
            trainer.Fit(new FixedPlanner(subset));
            var last = learner.History[^1];
            Assert.All(learner.CleanProbabilities, p => Assert.All(p, w => Assert.Equal(0.5, w)));
            Assert.All(last.Splits, s => Assert.Equal(labeled, s.Labeled));
            Assert.All(last.Splits, s => Assert.NotNull(s.Fallback));
            Assert.Null(last.Splits[0].NoisyLabeled);
            Assert.True(double.IsFinite(last.Loss));
            if (labeled == 0) Assert.Null(last.LabeledLoss);
            else Assert.Null(last.UnlabeledLoss);
        }
    }

    [Fact]
    public void LiveTensorCountStaysFlatAcrossEpochs()
    {
        using var train = Synthetic.NoisyBlobs(150, 0.3, seed: 8);
        using var test = Synthetic.Blobs(50, Classes, Dimension, seed: 9);
        var (first, second) = TwoMlps(4);
        using var a = first;
        using var b = second;
        var (built, _) = Build(a, b, train, Fast with { Epochs = 6 }, Short with { WarmupEpochs = 1 });
        using var trainer = built;
        var plan = EpochPlan.All(train.Count);
        trainer.TrainEpoch(plan);
        trainer.TrainEpoch(plan);
        trainer.Evaluate(test);
        trainer.PredictClasses(test, [0, 1, 2]);
        var afterFirst = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var e = 2; e < 6; e++)
        {
            trainer.TrainEpoch(plan);
            trainer.Evaluate(test);
            trainer.PredictClasses(test, [0, 1, 2]);
        }
        Assert.Equal(afterFirst, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
