using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Learners.DivideMix;

/// <summary>
/// DivideMix (Li, Socher, Hoi, "DivideMix: Learning with Noisy Labels as Semi-supervised
/// Learning", ICLR 2020) as its own training loop, because it trains two networks that read each
/// other's outputs, which does not fit the one-model <see cref="Trainer"/>.
/// <para>
/// Warm-up epochs train both networks with plain cross-entropy. After that, at the start of each
/// epoch both networks score every training sample (eval mode, no augmentation); a two-component
/// Gaussian mixture on each network's min-max normalised losses gives every sample a clean
/// probability w (<see cref="TwoComponentGaussianMixture"/>). Each network then trains on the
/// split made by the <em>other</em> network (co-divide): labeled = w &gt; p_threshold, the rest
/// unlabeled, with MixMatch — two augmented views of each batch, co-guessed sharpened targets
/// for unlabeled samples (both networks, both views), refined targets w·y + (1 − w)·p̄ for
/// labeled ones, MixUp over the whole batch, loss Lx + λu·Lu + uniform-prior penalty
/// (<see cref="MixMatch"/>). Predictions use the sum of both networks' logits.
/// </para>
/// <para>Where Winnow differs from the reference code (Train_CIFAR.py):</para>
/// <list type="bullet">
/// <item>The learning rate follows <see cref="TrainerOptions.Schedule"/> (cosine by default)
/// rather than a step at epoch 150; SGD settings come from <see cref="TrainerOptions"/>.</item>
/// <item>Warm-up batches hold <see cref="TrainerOptions.BatchSize"/> samples, like the CE
/// trainer, so warm-up epochs compare with a CE baseline; the reference uses twice its MixMatch
/// batch. MixMatch steps take BatchSize labeled + BatchSize unlabeled samples, as the reference.</item>
/// <item>λu ramps per batch with the fraction b / (batches this epoch); the reference divides by
/// labeled / batch + 1.</item>
/// <item>The GMM starts from a deterministic 1-D k-means (see the mixture's notes), and the
/// reference's averaging of the last 5 epochs' losses at 90% noise is left out.</item>
/// <item>The two views come from <see cref="TrainerOptions.Augmentation"/> (weak = the
/// reference's random crop + flip, the default for colour images); with none — the default for
/// Fashion-MNIST, where crop + flip cost 7 pt in short runs — and for feature vectors the two
/// views are the same, and MixUp, co-guessing and label refinement still apply.</item>
/// <item>Degenerate splits, which the reference does not handle: when no sample passes the
/// threshold, that network trains one epoch of plain cross-entropy on the whole subset (as in
/// warm-up; the reference would not train it at all); when every sample passes, MixMatch runs on
/// the labeled samples alone without Lu.</item>
/// </list>
/// Randomness (shuffles, augmentation, MixUp coefficients and permutations) comes from seeds
/// derived from <see cref="TrainerOptions.Seed"/>; network initialisation is the caller's.
/// </summary>
public sealed class DivideMixTrainer : IDisposable
{
    /// <summary>Fewest samples a training subset may hold: a two-component mixture on fewer losses is noise.</summary>
    public const int MinimumSamples = 10;

    private readonly Classifier[] nets;
    private readonly SGD[] optimizers;
    private readonly SampleSet train;
    private readonly bool[]? noisyMask;
    private readonly Augmenter? augmenter;
    private readonly List<DivideMixEpoch> history = [];
    private double[][] cleanProbabilities = [];
    private int[] splitSubset = [];

    /// <param name="first">The first network; build the two with different seeds.</param>
    /// <param name="second">The second network; must be a distinct module of the same class count.</param>
    public DivideMixTrainer(Classifier first, Classifier second, SampleSet train, TrainerOptions options,
        DivideMixOptions? divideMix = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (ReferenceEquals(first, second)) throw new ArgumentException("DivideMix needs two distinct networks.", nameof(second));
        options.Validate();
        divideMix ??= new DivideMixOptions();
        divideMix.Validate();
        if (divideMix.WarmupEpochs >= options.Epochs)
            throw new WinnowException($"DivideMix warms up for {divideMix.WarmupEpochs} epochs, so it needs more than that in all (got {options.Epochs} epochs)");
        if (first.ClassCount != train.ClassCount || second.ClassCount != train.ClassCount)
            throw new WinnowException($"the DivideMix networks predict {first.ClassCount} and {second.ClassCount} classes but the training set has {train.ClassCount}");

        nets = [first, second];
        this.train = train;
        noisyMask = train.NoisyMask;
        Options = options;
        DivideMixOptions = divideMix;
        optimizers = nets.Select(net => optim.SGD(net.parameters(), options.LearningRate, options.Momentum,
            weight_decay: options.WeightDecay, nesterov: options.Nesterov)).ToArray();
        augmenter = train.Inputs.dim() == 4 && options.Augmentation != AugmentationStrength.None
            ? new Augmenter(options.Augmentation, Seeds.Derive(options.Seed, "dividemix-augmentation"))
            : null;
    }

    public Classifier First => nets[0];

    public Classifier Second => nets[1];

    public TrainerOptions Options { get; }

    public DivideMixOptions DivideMixOptions { get; }

    /// <summary>Epochs trained so far; the next epoch trained is this one.</summary>
    public int EpochsDone => history.Count;

    /// <summary>Every epoch trained, in order.</summary>
    public IReadOnlyList<DivideMixEpoch> History => history;

    /// <summary>
    /// Rows passed forward through either network for training: warm-up batches, the per-epoch
    /// scoring pass of both networks, the co-guessing and refinement passes (no gradient) and
    /// the MixUp batch. Test evaluation is not counted, as in <see cref="Trainer"/>.
    /// </summary>
    public long SamplesForwarded { get; private set; }

    /// <summary>Rows backpropagated: warm-up and fallback batches, and every mixed row of a MixMatch batch (2 views × (labeled + unlabeled)).</summary>
    public long SamplesBackpropagated { get; private set; }

    /// <summary>
    /// The last split's clean probabilities: entry k was fitted on network k's losses and divided
    /// the other network's samples; both are aligned with <see cref="SplitSubset"/>. Empty until
    /// the first epoch after warm-up.
    /// </summary>
    public IReadOnlyList<double[]> CleanProbabilities => cleanProbabilities;

    /// <summary>The subset (training-set indices) that <see cref="CleanProbabilities"/> describe.</summary>
    public IReadOnlyList<int> SplitSubset => splitSubset;

    /// <summary>Share of samples labeled in the last split, averaged over both networks (null before the first split).</summary>
    public double? LabeledFraction => history.LastOrDefault(e => !e.WarmUp)?.LabeledFraction;

    /// <summary>Refuses a subset that is too small to split or names samples outside the training set.</summary>
    public static void CheckSubset(IReadOnlyList<int> subset, int trainCount)
    {
        ArgumentNullException.ThrowIfNull(subset);
        if (subset.Count < MinimumSamples)
            throw new WinnowException($"DivideMix needs at least {MinimumSamples} training samples to split into labeled and unlabeled (got {subset.Count})");
        foreach (var i in subset)
        {
            if (i < 0 || i >= trainCount) throw new WinnowException($"sample index {i} is outside the training set (0–{trainCount - 1})");
        }
    }

    /// <summary>
    /// Trains until <see cref="TrainerOptions.Epochs"/> epochs are done on the samples of
    /// <paramref name="subset"/>, evaluating the summed logits on <paramref name="test"/> after every
    /// epoch when given. <see cref="EpochSummary.Samples"/> is the subset size (distinct samples
    /// trained on); the row counts are in <see cref="SamplesForwarded"/> and <see cref="History"/>.
    /// </summary>
    public IReadOnlyList<EpochSummary> Fit(IReadOnlyList<int> subset, SampleSet? test = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        CheckSubset(subset, train.Count);
        var indices = subset.ToArray();
        int? noisyCount = noisyMask is null ? null : indices.Count(i => noisyMask[i]);
        var summaries = new List<EpochSummary>();
        while (EpochsDone < Options.Epochs)
        {
            var epoch = TrainEpoch(indices, progress, cancellation);
            double? testAccuracy = test is null ? null : Evaluate(test);
            var summary = new EpochSummary(epoch.Epoch, epoch.LearningRate, indices.Length, epoch.Loss,
                epoch.TrainAccuracy, testAccuracy, noisyCount, epoch.Seconds);
            summaries.Add(summary);
            progress?.Report(new TrainingProgress(epoch.Epoch, Options.Epochs, 0, 0, summary));
        }
        return summaries;
    }

    /// <summary>Trains both networks for one epoch (warm-up or co-divide + MixMatch) on the subset.</summary>
    public DivideMixEpoch TrainEpoch(IReadOnlyList<int> subset, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        CheckSubset(subset, train.Count);
        var indices = subset.ToArray();
        var epoch = EpochsDone;
        var watch = Stopwatch.StartNew();
        var forwardedBefore = SamplesForwarded;
        var backpropagatedBefore = SamplesBackpropagated;
        var learningRate = LearningRates.At(Options.Schedule, Options.LearningRate, epoch, Math.Max(Options.Epochs, epoch + 1));
        foreach (var optimizer in optimizers)
        {
            foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        }

        var tally = new Tally();
        DivideMixEpoch result;
        if (epoch < DivideMixOptions.WarmupEpochs)
        {
            var ticker = new Ticker(progress, epoch, Options.Epochs, 2 * BatchCount(indices.Length));
            for (var k = 0; k < 2; k++) TrainCrossEntropy(k, indices, epoch, tally, ticker, cancellation);
            result = new DivideMixEpoch(epoch, learningRate, true, tally.MeanLoss, tally.Hits / (double)tally.Seen, [],
                0, null, null, null, 0, 0, 0);
        }
        else
        {
            // Co-divide: both networks score the samples before either trains this epoch, and
            // network k trains on the split made from the other network's losses.
            var accuracy = 0.0;
            var probabilities = new double[2][];
            for (var k = 0; k < 2; k++)
            {
                var (losses, hits) = ScoreLosses(nets[k], indices);
                probabilities[k] = TwoComponentGaussianMixture.CleanProbabilities(losses);
                accuracy += hits / (double)indices.Length / 2;
            }
            cleanProbabilities = probabilities;
            splitSubset = indices;

            var splits = new[] { Divide(indices, probabilities[1]), Divide(indices, probabilities[0]) };
            var total = splits.Sum(s => BatchCount(s.Labeled.Length == 0 ? indices.Length : s.Labeled.Length));
            var ticker = new Ticker(progress, epoch, Options.Epochs, total);
            var reports = new DivideMixSplit[2];
            for (var k = 0; k < 2; k++)
            {
                var split = splits[k];
                string? fallback = null;
                if (split.Labeled.Length == 0)
                {
                    fallback = "no sample passed the clean threshold: one epoch of plain cross-entropy on the whole subset";
                    TrainCrossEntropy(k, indices, epoch, tally, ticker, cancellation);
                }
                else
                {
                    if (split.Unlabeled.Length == 0)
                        fallback = "every sample passed the clean threshold: MixMatch on labeled samples only, no unlabeled loss";
                    TrainMixMatch(k, split, epoch, tally, ticker, cancellation);
                }
                int? noisyLabeled = noisyMask is null ? null : split.Labeled.Count(i => noisyMask[i]);
                reports[k] = new DivideMixSplit(split.Labeled.Length, split.Unlabeled.Length, noisyLabeled, fallback);
            }
            result = new DivideMixEpoch(epoch, learningRate, false, tally.MeanLoss, accuracy, reports,
                DivideMixOptions.LambdaUAt(epoch + 1), Mean(tally.LabeledLosses), Mean(tally.UnlabeledLosses),
                Mean(tally.Penalties), 0, 0, 0);
        }

        result = result with
        {
            SamplesForwarded = SamplesForwarded - forwardedBefore,
            SamplesBackpropagated = SamplesBackpropagated - backpropagatedBefore,
            Seconds = watch.Elapsed.TotalSeconds,
        };
        history.Add(result);
        return result;
    }

    /// <summary>Top-1 accuracy of the summed logits on <paramref name="set"/>, against its clean labels when known.</summary>
    public double Evaluate(SampleSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Count == 0) return 0;
        var truth = set.CleanLabels ?? set.Labels;
        var predicted = PredictLabels(set, Enumerable.Range(0, set.Count).ToArray());
        return predicted.Where((p, i) => p == truth[i]).Count() / (double)set.Count;
    }

    /// <summary>
    /// argmax of the summed logits of both networks (eval mode, no augmentation) for the given
    /// samples, in order: DivideMix's prediction, e.g. to measure how many flipped labels it corrects.
    /// </summary>
    public int[] PredictLabels(SampleSet set, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(indices);
        var rows = indices.ToArray();
        foreach (var i in rows)
        {
            if (i < 0 || i >= set.Count) throw new WinnowException($"sample index {i} is outside the set (0–{set.Count - 1})");
        }
        var predicted = new int[rows.Length];
        var modes = nets.Select(n => n.training).ToArray();
        try
        {
            foreach (var net in nets) net.eval();
            using var noGrad = no_grad();
            for (var start = 0; start < rows.Length; start += Options.InferenceBatchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(Options.InferenceBatchSize, rows.Length - start);
                var inputs = set.Inputs.index_select(0, IndexTensor(rows.AsSpan(start, count)));
                var labels = (nets[0].call(inputs) + nets[1].call(inputs)).argmax(1).data<long>().ToArray();
                for (var k = 0; k < count; k++) predicted[start + k] = (int)labels[k];
            }
        }
        finally
        {
            for (var k = 0; k < 2; k++) nets[k].train(modes[k]);
        }
        return predicted;
    }

    /// <summary>Per-sample cross-entropy against the training labels, eval mode, no augmentation; and how many were predicted right.</summary>
    private (float[] Losses, int Hits) ScoreLosses(Classifier net, int[] rows)
    {
        var losses = new float[rows.Length];
        var hits = 0;
        var wasTraining = net.training;
        try
        {
            net.eval();
            using var noGrad = no_grad();
            for (var start = 0; start < rows.Length; start += Options.InferenceBatchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(Options.InferenceBatchSize, rows.Length - start);
                var index = IndexTensor(rows.AsSpan(start, count));
                var logits = net.call(train.Inputs.index_select(0, index));
                var labels = train.LabelTensor.index_select(0, index);
                nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None).data<float>().CopyTo(losses, start);
                hits += (int)logits.argmax(1).eq(labels).sum().item<long>();
            }
        }
        finally
        {
            net.train(wasTraining);
        }
        SamplesForwarded += rows.Length;
        return (losses, hits);
    }

    private Split Divide(int[] indices, double[] probabilities)
    {
        var labeled = new List<int>();
        var weights = new List<float>();
        var unlabeled = new List<int>();
        for (var k = 0; k < indices.Length; k++)
        {
            if (probabilities[k] > DivideMixOptions.PThreshold)
            {
                labeled.Add(indices[k]);
                weights.Add((float)probabilities[k]);
            }
            else
            {
                unlabeled.Add(indices[k]);
            }
        }
        return new Split([.. labeled], [.. weights], [.. unlabeled]);
    }

    /// <summary>One epoch of cross-entropy for network k (warm-up, or the fallback when nothing is labeled).</summary>
    private void TrainCrossEntropy(int k, int[] indices, int epoch, Tally tally, Ticker ticker, CancellationToken cancellation)
    {
        var net = nets[k];
        var optimizer = optimizers[k];
        var order = (int[])indices.Clone();
        new Random(Seeds.Derive(Options.Seed, "dividemix-warmup", 2 * epoch + k)).Shuffle(order);
        net.train();
        for (var start = 0; start < order.Length; start += Options.BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var count = Math.Min(Options.BatchSize, order.Length - start);
            var index = IndexTensor(order.AsSpan(start, count));
            var inputs = Augment(train.Inputs.index_select(0, index));
            var labels = train.LabelTensor.index_select(0, index);
            var logits = net.call(inputs);
            var loss = nn.functional.cross_entropy(logits, labels);
            if (DivideMixOptions.WarmupConfidencePenalty) loss = loss + MixMatch.NegativeEntropy(logits);
            var value = loss.item<float>();
            CheckFinite(value, epoch, k, start / Options.BatchSize);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();

            tally.Losses.Add(value);
            tally.Hits += logits.detach().argmax(1).eq(labels).sum().item<long>();
            tally.Seen += count;
            SamplesForwarded += count;
            SamplesBackpropagated += count;
            ticker.Tick();
        }
    }

    /// <summary>One epoch of MixMatch for network k on its split; the other network only co-guesses.</summary>
    private void TrainMixMatch(int k, Split split, int epoch, Tally tally, Ticker ticker, CancellationToken cancellation)
    {
        var net = nets[k];
        var other = nets[1 - k];
        var optimizer = optimizers[k];
        var settings = DivideMixOptions;
        var random = new Random(Seeds.Derive(Options.Seed, "dividemix-order", 2 * epoch + k));
        var beta = new BetaSampler(Seeds.Derive(Options.Seed, "dividemix-mixup", 2 * epoch + k));
        var labeledOrder = Enumerable.Range(0, split.Labeled.Length).ToArray();
        random.Shuffle(labeledOrder);
        var unlabeled = (int[])split.Unlabeled.Clone();
        random.Shuffle(unlabeled);
        var cursor = 0;
        var iterations = BatchCount(split.Labeled.Length);
        var otherWasTraining = other.training;
        net.train();
        other.eval();
        try
        {
            for (var b = 0; b < iterations; b++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var positions = labeledOrder.AsSpan(b * Options.BatchSize, Math.Min(Options.BatchSize, labeledOrder.Length - b * Options.BatchSize)).ToArray();
                var labeledRows = positions.Select(p => split.Labeled[p]).ToArray();
                var weights = positions.Select(p => split.Weights[p]).ToArray();

                // The unlabeled samples cycle, reshuffled at every pass, as the reference's loader iterator.
                var unlabeledRows = Array.Empty<int>();
                if (unlabeled.Length > 0)
                {
                    if (cursor == unlabeled.Length)
                    {
                        random.Shuffle(unlabeled);
                        cursor = 0;
                    }
                    var take = Math.Min(Options.BatchSize, unlabeled.Length - cursor);
                    unlabeledRows = unlabeled.AsSpan(cursor, take).ToArray();
                    cursor += take;
                }
                int bx = labeledRows.Length, bu = unlabeledRows.Length;

                var labeledIndex = IndexTensor(labeledRows);
                var x = train.Inputs.index_select(0, labeledIndex);
                var x1 = Augment(x);
                var x2 = Augment(x);
                var labels = train.LabelTensor.index_select(0, labeledIndex);
                Tensor? u1 = null, u2 = null, targetsU = null;
                if (bu > 0)
                {
                    var u = train.Inputs.index_select(0, IndexTensor(unlabeledRows));
                    u1 = Augment(u);
                    u2 = Augment(u);
                }

                Tensor targetsX;
                using (no_grad())
                {
                    if (u1 is not null && u2 is not null)
                        targetsU = MixMatch.CoGuess([net.call(u1), net.call(u2), other.call(u1), other.call(u2)], settings.Temperature);
                    targetsX = MixMatch.Refine(labels, tensor(weights), [net.call(x1), net.call(x2)], settings.Temperature);
                }
                SamplesForwarded += 4L * bu + 2L * bx;

                var coefficient = MixMatch.Coefficient(beta, settings.Alpha);
                var rows = 2 * (bx + bu);
                var allInputs = u1 is not null && u2 is not null ? cat([x1, x2, u1, u2], 0) : cat([x1, x2], 0);
                var allTargets = targetsU is not null ? cat([targetsX, targetsX, targetsU, targetsU], 0) : cat([targetsX, targetsX], 0);
                var permutation = Enumerable.Range(0, rows).Select(i => (long)i).ToArray();
                random.Shuffle(permutation);
                var permutationTensor = tensor(permutation, ScalarType.Int64);
                var mixedInputs = MixMatch.Mix(allInputs, coefficient, permutationTensor);
                var mixedTargets = MixMatch.Mix(allTargets, coefficient, permutationTensor);

                var logits = net.call(mixedInputs);
                var labeledLoss = MixMatch.LabeledLoss(logits.narrow(0, 0, 2 * bx), mixedTargets.narrow(0, 0, 2 * bx));
                var penalty = MixMatch.UniformPriorPenalty(logits);
                var loss = labeledLoss + penalty;
                if (bu > 0)
                {
                    var lambda = settings.LambdaUAt(epoch + b / (double)iterations);
                    var unlabeledLoss = MixMatch.UnlabeledLoss(logits.narrow(0, 2 * bx, 2 * bu), mixedTargets.narrow(0, 2 * bx, 2 * bu));
                    loss = loss + lambda * unlabeledLoss;
                    tally.UnlabeledLosses.Add(unlabeledLoss.item<float>());
                }
                var value = loss.item<float>();
                CheckFinite(value, epoch, k, b);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();

                tally.Losses.Add(value);
                tally.LabeledLosses.Add(labeledLoss.item<float>());
                tally.Penalties.Add(penalty.item<float>());
                SamplesForwarded += rows;
                SamplesBackpropagated += rows;
                ticker.Tick();
            }
        }
        finally
        {
            other.train(otherWasTraining);
        }
    }

    private Tensor Augment(Tensor batch) => augmenter is null ? batch : augmenter.Apply(batch);

    private int BatchCount(int samples) => (samples + Options.BatchSize - 1) / Options.BatchSize;

    private void CheckFinite(float value, int epoch, int network, int batch)
    {
        if (!float.IsFinite(value))
            throw new WinnowException($"the DivideMix training loss became {value} in epoch {epoch + 1}, network {network + 1}, batch {batch + 1}; lower the learning rate (now {Options.LearningRate}) or check the inputs for NaN");
    }

    private static Tensor IndexTensor(ReadOnlySpan<int> rows)
    {
        var values = new long[rows.Length];
        for (var k = 0; k < rows.Length; k++) values[k] = rows[k];
        return tensor(values, ScalarType.Int64);
    }

    private static double? Mean(List<float> values) => values.Count == 0 ? null : values.Average(v => (double)v);

    public void Dispose()
    {
        foreach (var optimizer in optimizers) optimizer.Dispose();
        augmenter?.Dispose();
    }

    /// <summary>One network's labeled samples with their clean probabilities, and its unlabeled samples.</summary>
    private sealed record Split(int[] Labeled, float[] Weights, int[] Unlabeled);

    /// <summary>Running sums for one epoch's log line.</summary>
    private sealed class Tally
    {
        public List<float> Losses { get; } = [];
        public List<float> LabeledLosses { get; } = [];
        public List<float> UnlabeledLosses { get; } = [];
        public List<float> Penalties { get; } = [];
        public long Hits { get; set; }
        public long Seen { get; set; }
        public double MeanLoss => Losses.Count == 0 ? 0 : Losses.Average(v => (double)v);
    }

    /// <summary>Reports batch progress across both networks' passes of one epoch.</summary>
    private sealed class Ticker(IProgress<TrainingProgress>? progress, int epoch, int epochs, int batches)
    {
        private int done;

        public void Tick() => progress?.Report(new TrainingProgress(epoch, epochs, ++done, batches));
    }
}
