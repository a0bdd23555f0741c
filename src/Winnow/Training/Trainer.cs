using System.Diagnostics;
using System.Globalization;
using TorchSharp.Modules;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Training;

/// <summary>
/// Trains one or more <see cref="Classifier"/>s on whatever samples each epoch's plan names. It
/// owns the epochs, one SGD optimiser per network, the learning-rate schedule, every optimisation
/// step (dispose scope, divergence check, backward, optimiser step, progress) and inference; it
/// knows nothing about pruning (planners decide the samples) and nothing about objectives
/// (learners decide the loss). With a per-batch learner it records every trained sample's loss,
/// correctness and margin (<see cref="Trajectory"/>).
/// </summary>
public sealed class Trainer : IDisposable
{
    /// <summary>A loss this many times the run's first batch loss (or 1, if larger) counts as diverged.</summary>
    public const double ExplosionFactor = 1000;

    private readonly SampleSet _train;
    private readonly ILearner _learner;
    private readonly SGD[] _optimizers;
    private readonly Augmenter? _augmenter;
    private readonly double?[] _firstLoss;
    private readonly int _seed;

    public Trainer(Classifier model, SampleSet train, TrainerOptions options, int seed, ILearner? learner = null)
        : this([model], train, options, seed, learner) { }

    /// <param name="networks">The networks to train, as many as the learner asks for (<see cref="ILearner.Networks"/>).</param>
    /// <param name="seed">Seeds shuffling and augmentation; network initialisation is the caller's.</param>
    public Trainer(IReadOnlyList<Classifier> networks, SampleSet train, TrainerOptions options, int seed, ILearner? learner = null)
    {
        options.Validate();
        NativeHeap.KeepFreedMemory();
        _learner = learner ?? new CrossEntropyLearner();
        if (_learner is not (IBatchLearner or IEpochLearner))
            throw new ArgumentException("a learner is either an IBatchLearner or an IEpochLearner", nameof(learner));
        if (networks.Count != _learner.Networks)
            throw new ArgumentException($"the {_learner.Name} learner trains {_learner.Networks} network(s), got {networks.Count}", nameof(networks));
        if (networks.Distinct().Count() != networks.Count) throw new ArgumentException("the networks must be distinct modules", nameof(networks));
        Device = ComputeDevice.Of(networks[0]);
        foreach (var network in networks)
        {
            if (network.ClassCount != train.ClassCount)
                throw new WinnowException($"the network predicts {network.ClassCount} classes but the training set has {train.ClassCount}");
            if (ComputeDevice.NameOf(ComputeDevice.Of(network)) != ComputeDevice.NameOf(Device))
                throw new ArgumentException($"the networks are on different devices ({ComputeDevice.NameOf(Device)} and {ComputeDevice.NameOf(ComputeDevice.Of(network))})", nameof(networks));
        }
        Networks = networks;
        _train = train;
        Options = options;
        _seed = seed;
        _optimizers = networks.Select(n => optim.SGD(n.parameters(), options.LearningRate, options.Momentum,
            weight_decay: options.WeightDecay, nesterov: options.Nesterov)).ToArray();
        _firstLoss = new double?[networks.Count];
        var strength = AugmentationChoice.Resolve(options.Augment, train);
        _augmenter = strength == AugmentationStrength.None ? null : new Augmenter(strength, Seeds.Derive(seed, "augmentation"), train.BlackPixel);
        Trajectory = _learner is IBatchLearner ? new TrainingTrajectory(train.Count) : null;
    }

    /// <summary>The (first) network: the one a checkpoint saves.</summary>
    public Classifier Model => Networks[0];

    public IReadOnlyList<Classifier> Networks { get; }

    /// <summary>Where the networks are, and so where every batch goes: move the networks before building the trainer.</summary>
    public Device Device { get; }

    public TrainerOptions Options { get; }

    /// <summary>The objective the trainer optimises (cross-entropy unless given).</summary>
    public ILearner Learner => _learner;

    /// <summary>Every sample's per-epoch loss, margin and correctness; null for a learner that composes its own epochs (DivideMix).</summary>
    public TrainingTrajectory? Trajectory { get; }

    /// <summary>Epochs trained so far; the next epoch trained is this one.</summary>
    public int EpochsDone { get; private set; }

    /// <summary>Sample-passes forward in training, all epochs (a learner's extra passes included).</summary>
    public long SamplesForwarded { get; private set; }

    /// <summary>Sample-passes with a backward pass, all epochs.</summary>
    public long SamplesBackpropagated { get; private set; }

    /// <summary>
    /// Trains <see cref="TrainerOptions.Epochs"/> epochs, asking <paramref name="planner"/> for each
    /// epoch's samples and reporting their losses back; evaluates on <paramref name="test"/> after
    /// every epoch when given.
    /// </summary>
    public IReadOnlyList<EpochSummary> Fit(IEpochPlanner planner, SampleSet? test = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (planner.ObservesLosses && Trajectory is null)
            throw new WinnowException($"the {_learner.Name} learner trains on a fixed set of samples: it cannot be combined with dynamic pruning");
        var summaries = new List<EpochSummary>();
        var noisy = _train.NoisyMask;
        while (EpochsDone < Options.Epochs)
        {
            var epoch = EpochsDone;
            var plan = planner.Plan(epoch, Options.Epochs);
            var result = TrainEpoch(plan, progress, cancellation);
            planner.Observe(epoch, plan, result);
            double? testAccuracy = test is null ? null : Evaluate(test);
            if (test is not null) NativeHeap.Trim(); // the evaluation's batches too
            var summary = new EpochSummary(epoch, result.LearningRate, plan.Count, result.MeanLoss, result.Accuracy,
                testAccuracy, noisy is null ? null : plan.Indices.Count(i => noisy[i]), result.Seconds);
            summaries.Add(summary);
            progress?.Report(new TrainingProgress(epoch, Options.Epochs, 0, 0, summary));
        }
        return summaries;
    }

    /// <summary>Trains one epoch on the plan's samples.</summary>
    public EpochResult TrainEpoch(EpochPlan plan, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        plan.Validate(_train.Count);
        var epoch = EpochsDone;
        var watch = Stopwatch.StartNew();
        var learningRate = LearningRates.At(Options.Schedule, Options.LearningRate, epoch, Math.Max(Options.ScheduleEpochs ?? Options.Epochs, epoch + 1), Options.MinLearningRate ?? 0);
        foreach (var optimizer in _optimizers)
        {
            foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        }
        var steps = new StepCounter(progress, epoch, Options.Epochs);
        EpochResult result;
        if (_learner is IEpochLearner composer)
        {
            var context = new LearnerEpoch(epoch, plan, _train, Networks, Device, Options, _seed, cancellation,
                (network, loss) => Step(network, epoch, steps, cancellation, loss), steps.Expect);
            var outcome = composer.TrainEpoch(context);
            result = new EpochResult(epoch, learningRate, [], [], [], outcome.MeanLoss, outcome.Accuracy,
                outcome.SamplesForwarded, outcome.SamplesBackpropagated, watch.Elapsed.TotalSeconds);
        }
        else
        {
            result = BatchEpoch(plan, epoch, learningRate, steps, cancellation, watch);
        }
        SamplesForwarded += result.SamplesForwarded;
        SamplesBackpropagated += result.SamplesBackpropagated;
        EpochsDone++;
        NativeHeap.Trim();
        return result;
    }

    /// <summary>The epoch of a per-batch learner: the plan's samples shuffled (seeded by the epoch number) and cut into batches.</summary>
    private EpochResult BatchEpoch(EpochPlan plan, int epoch, double learningRate, StepCounter steps, CancellationToken cancellation, Stopwatch watch)
    {
        var learner = (IBatchLearner)_learner;
        var order = Enumerable.Range(0, plan.Count).ToArray();
        new Random(Seeds.Derive(_seed, "shuffle", epoch)).Shuffle(order);
        var losses = new float[plan.Count];
        var correct = new bool[plan.Count];
        var margins = new float[plan.Count];
        steps.Expect((plan.Count + Options.BatchSize - 1) / Options.BatchSize);
        using var recorder = new BatchRecorder(losses, correct, margins);
        Model.train();
        for (var start = 0; start < plan.Count; start += Options.BatchSize)
        {
            var positions = order.AsSpan(start, Math.Min(Options.BatchSize, plan.Count - start)).ToArray();
            var sampleIndices = positions.Select(p => (long)plan.Indices[p]).ToArray();
            Tensor logits = null!, labels = null!;
            Step(0, epoch, steps, cancellation, () =>
            {
                var rows = tensor(sampleIndices, ScalarType.Int64);
                var rawInputs = _train.InputsAt(rows, Device);
                var inputs = _augmenter is null ? rawInputs : _augmenter.Apply(rawInputs);
                labels = _train.LabelsAt(rows, Device);
                logits = Model.call(inputs);
                var objective = learner.Loss(new LearnerBatch(Model, ComputeDevice.To(rows, Device), rawInputs, inputs, labels, logits, epoch));
                var loss = plan.Weights is null
                    ? objective.PerSample.mean()
                    : (objective.PerSample * ComputeDevice.To(tensor(positions.Select(p => plan.Weights[p]).ToArray()), Device)).mean();
                if (objective.BatchTerm is not null) loss += objective.BatchTerm;
                return loss;
            }, () =>
            {
                learner.AfterStep();
                recorder.Add(positions, logits, labels);
            });
        }
        recorder.Flush();
        Trajectory!.Append(plan.Indices, losses, correct, margins);
        var accuracy = correct.Count(c => c) / (double)plan.Count;
        return new EpochResult(epoch, learningRate, losses, correct, margins, losses.Average(l => (double)l), accuracy,
            plan.Count, plan.Count, watch.Elapsed.TotalSeconds);
    }

    /// <summary>One optimisation step of one network; <paramref name="afterStep"/> runs inside the same dispose scope.</summary>
    private float Step(int network, int epoch, StepCounter steps, CancellationToken cancellation, Func<Tensor> buildLoss, Action? afterStep = null)
    {
        cancellation.ThrowIfCancellationRequested();
        using var scope = NewDisposeScope();
        var loss = buildLoss();
        var value = loss.item<float>();
        CheckDivergence(value, network, epoch, steps.Done);
        var optimizer = _optimizers[network];
        optimizer.zero_grad();
        loss.backward();
        if (Options.ClipGradNorm is { } norm) nn.utils.clip_grad_norm_(Networks[network].parameters(), norm);
        optimizer.step();
        afterStep?.Invoke();
        steps.Tick();
        return value;
    }

    /// <summary>A non-finite loss, or one far above the run's first, means the run diverged: stop with one clear error.</summary>
    private void CheckDivergence(float value, int network, int epoch, int batch)
    {
        var first = _firstLoss[network] ??= float.IsFinite(value) ? value : null;
        var exploded = float.IsFinite(value) && first is { } reference && value > ExplosionFactor * Math.Max(reference, 1);
        if (float.IsFinite(value) && !exploded) return;
        var where = Networks.Count > 1 ? $"epoch {epoch + 1}, network {network + 1}, step {batch + 1}" : $"epoch {epoch + 1}, batch {batch + 1}";
        var what = exploded
            ? string.Create(CultureInfo.InvariantCulture, $"the training loss exploded to {value:G3} in {where} (the first batch's was {first:G3})")
            : $"the training loss became {value} in {where}";
        throw new WinnowException(string.Create(CultureInfo.InvariantCulture,
            $"{what}; lower the learning rate (now {Options.LearningRate}){_learner.DivergenceHint} or check the inputs for NaN"));
    }

    /// <summary>Top-1 accuracy on <paramref name="set"/> against its clean labels when known.</summary>
    public double Evaluate(SampleSet set) => _learner is IEpochLearner composer
        ? Inference.Accuracy(Networks, x => composer.Logits(Networks, x), set, Options.InferenceBatchSize)
        : Inference.Accuracy(Model, set, Options.InferenceBatchSize);

    /// <summary>The predicted class of each given sample (the learner's prediction: DivideMix sums both networks).</summary>
    public int[] PredictClasses(SampleSet set, IReadOnlyList<int> rows) => _learner is IEpochLearner composer
        ? Inference.PredictedClasses(Networks, x => composer.Logits(Networks, x), set, rows, Options.InferenceBatchSize)
        : Inference.Predict(Model, set, rows, Options.InferenceBatchSize).PredictedClasses();

    /// <summary>Logits, probabilities and embeddings of the (first) network for the given samples (all when null), in eval mode.</summary>
    public Predictions Predict(SampleSet set, IReadOnlyList<int>? indices = null) =>
        Inference.Predict(Model, set, indices, Options.InferenceBatchSize);

    public void Dispose()
    {
        foreach (var optimizer in _optimizers) optimizer.Dispose();
        _augmenter?.Dispose();
        _learner.Dispose();
    }

    /// <summary>Counts an epoch's steps for progress reports.</summary>
    private sealed class StepCounter(IProgress<TrainingProgress>? progress, int epoch, int epochs)
    {
        private int _total;

        public int Done { get; private set; }

        public void Expect(int total) => _total = total;

        public void Tick()
        {
            Done++;
            progress?.Report(new TrainingProgress(epoch, epochs, Done, _total));
        }
    }
}
