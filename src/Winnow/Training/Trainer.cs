using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Training;

/// <summary>
/// Trains a <see cref="Classifier"/> on whatever samples each epoch's plan names, with per-sample
/// loss weights, and records every trained sample's loss, correctness and margin
/// (<see cref="Trajectory"/>). It knows nothing about pruning: planners decide the samples,
/// learners decide the loss. Every batch runs inside a dispose scope so native memory stays flat.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly SampleSet _train;
    private readonly ILearner _learner;
    private readonly SGD _optimizer;
    private readonly Augmenter? _augmenter;

    public Trainer(Classifier model, SampleSet train, TrainerOptions options, ILearner? learner = null)
    {
        options.Validate();
        Model = model;
        _train = train;
        Options = options;
        _learner = learner ?? new CrossEntropyLearner();
        _optimizer = optim.SGD(model.parameters(), options.LearningRate, options.Momentum,
            weight_decay: options.WeightDecay, nesterov: options.Nesterov);
        _augmenter = options.Augmentation == AugmentationStrength.None || train.Inputs.dim() != 4
            ? null
            : new Augmenter(options.Augmentation, Seeds.Derive(options.Seed, "augmentation"));
        Trajectory = new TrainingTrajectory(train.Count);
    }

    public Classifier Model { get; }

    public TrainerOptions Options { get; }

    /// <summary>The objective the trainer optimises (cross-entropy unless given).</summary>
    public ILearner Learner => _learner;

    public TrainingTrajectory Trajectory { get; }

    /// <summary>Epochs trained so far; the next epoch trained is this one.</summary>
    public int EpochsDone => Trajectory.Epochs;

    /// <summary>
    /// Trains <see cref="TrainerOptions.Epochs"/> epochs, asking <paramref name="planner"/> for each
    /// epoch's samples and reporting their losses back; evaluates on <paramref name="test"/> after
    /// every epoch when given.
    /// </summary>
    public IReadOnlyList<EpochSummary> Fit(IEpochPlanner planner, SampleSet? test = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var summaries = new List<EpochSummary>();
        var noisy = _train.NoisyMask;
        while (EpochsDone < Options.Epochs)
        {
            var epoch = EpochsDone;
            var plan = planner.Plan(epoch, Options.Epochs);
            var result = TrainEpoch(plan, progress, cancellation);
            planner.Observe(epoch, plan, result);
            double? testAccuracy = test is null ? null : Evaluate(test);
            var summary = new EpochSummary(epoch, result.LearningRate, plan.Count, result.MeanLoss, result.Accuracy,
                testAccuracy, noisy is null ? null : plan.Indices.Count(i => noisy[i]), result.Seconds);
            summaries.Add(summary);
            progress?.Report(new TrainingProgress(epoch, Options.Epochs, 0, 0, summary));
        }
        return summaries;
    }

    /// <summary>Trains one epoch on the plan's samples (shuffled, seeded by the epoch number).</summary>
    public EpochResult TrainEpoch(EpochPlan plan, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        plan.Validate(_train.Count);
        var epoch = EpochsDone;
        var watch = Stopwatch.StartNew();
        var learningRate = LearningRates.At(Options.Schedule, Options.LearningRate, epoch, Math.Max(Options.Epochs, epoch + 1));
        foreach (var group in _optimizer.ParamGroups) group.LearningRate = learningRate;

        var order = Enumerable.Range(0, plan.Count).ToArray();
        new Random(Seeds.Derive(Options.Seed, "shuffle", epoch)).Shuffle(order);

        var losses = new float[plan.Count];
        var correct = new bool[plan.Count];
        var margins = new float[plan.Count];
        var batches = (plan.Count + Options.BatchSize - 1) / Options.BatchSize;
        Model.train();
        for (var b = 0; b < batches; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            var start = b * Options.BatchSize;
            var positions = order.AsSpan(start, Math.Min(Options.BatchSize, plan.Count - start)).ToArray();
            TrainBatch(plan, positions, epoch, b, losses, correct, margins);
            progress?.Report(new TrainingProgress(epoch, Options.Epochs, b + 1, batches));
        }

        Trajectory.Append(plan.Indices, losses, correct, margins);
        var accuracy = correct.Count(c => c) / (double)plan.Count;
        return new EpochResult(epoch, learningRate, losses, correct, margins, losses.Average(l => (double)l), accuracy,
            plan.Count, plan.Count, watch.Elapsed.TotalSeconds);
    }

    private void TrainBatch(EpochPlan plan, int[] positions, int epoch, int batch, float[] losses, bool[] correct, float[] margins)
    {
        using var scope = NewDisposeScope();
        var sampleIndices = positions.Select(p => (long)plan.Indices[p]).ToArray();
        var indices = tensor(sampleIndices, ScalarType.Int64);
        var rawInputs = _train.Inputs.index_select(0, indices);
        var inputs = _augmenter is null ? rawInputs : _augmenter.Apply(rawInputs);
        var labels = _train.LabelTensor.index_select(0, indices);

        var logits = Model.call(inputs);
        var objective = _learner.Loss(new LearnerBatch(Model, indices, rawInputs, inputs, labels, logits, epoch));
        var loss = plan.Weights is null
            ? objective.PerSample.mean()
            : (objective.PerSample * tensor(positions.Select(p => plan.Weights[p]).ToArray())).mean();
        if (objective.BatchTerm is not null) loss += objective.BatchTerm;
        var lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue))
            throw new WinnowException($"the training loss became {lossValue} in epoch {epoch + 1}, batch {batch + 1}; lower the learning rate (now {Options.LearningRate}){_learner.DivergenceHint} or check the inputs for NaN");

        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        _learner.AfterStep();

        using (no_grad())
        {
            var detached = logits.detach();
            var sampleLosses = nn.functional.cross_entropy(detached, labels, reduction: nn.Reduction.None).data<float>().ToArray();
            var hits = detached.argmax(1).eq(labels).data<bool>().ToArray();
            var probabilities = nn.functional.softmax(detached, 1);
            var trueProbability = probabilities.gather(1, labels.unsqueeze(1)).squeeze(1);
            var isLabel = nn.functional.one_hot(labels, probabilities.shape[1]).to_type(ScalarType.Bool);
            var bestOther = probabilities.masked_fill(isLabel, -1f).max(1).values;
            var sampleMargins = (trueProbability - bestOther).data<float>().ToArray();
            for (var k = 0; k < positions.Length; k++)
            {
                losses[positions[k]] = sampleLosses[k];
                correct[positions[k]] = hits[k];
                margins[positions[k]] = sampleMargins[k];
            }
        }
    }

    /// <summary>Top-1 accuracy on <paramref name="set"/> against its clean labels when known.</summary>
    public double Evaluate(SampleSet set) => Inference.Accuracy(Model, set, Options.InferenceBatchSize);

    /// <summary>Logits, probabilities and embeddings of the given samples (all when null), in eval mode.</summary>
    public Predictions Predict(SampleSet set, IReadOnlyList<int>? indices = null) =>
        Inference.Predict(Model, set, indices, Options.InferenceBatchSize);

    public void Dispose()
    {
        _optimizer.Dispose();
        _augmenter?.Dispose();
        _learner.Dispose();
    }
}
