using Winnow.Data;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Learners.DivideMix;

/// <summary>
/// The steps of a DivideMix epoch for one network: plain cross-entropy batches (warm-up, and the
/// fallback when nothing is labeled) and MixMatch batches; plus the scoring pass that feeds the
/// loss split. Every step goes through <see cref="LearnerEpoch.Step"/>; each step's batch and
/// random draws come from streams seeded by the trainer's seed, the epoch and the network.
/// </summary>
internal sealed class DivideMixSteps(DivideMixOptions options, SampleSet train, TrainerOptions trainer, int seed) : IDisposable
{
    private readonly Augmenter? _augmenter = AugmentationChoice.Resolve(trainer.Augment, train) is var strength && strength != AugmentationStrength.None
        ? new Augmenter(strength, Seeds.Derive(seed, "dividemix-augmentation"), train.BlackPixel)
        : null;

    /// <summary>The running sums of the current epoch.</summary>
    public EpochTally Tally { get; private set; } = new();

    public void BeginEpoch() => Tally = new EpochTally();

    public int BatchCount(int samples) => (samples + trainer.BatchSize - 1) / trainer.BatchSize;

    /// <summary>Per-sample cross-entropy of one network on the given rows (eval mode, no augmentation), and its hits.</summary>
    public (float[] Losses, int Hits) Score(Classifier network, int[] rows)
    {
        var scored = Inference.Losses(network, train, rows, trainer.InferenceBatchSize);
        Tally.Forwarded += rows.Length;
        return scored;
    }

    /// <summary>One epoch of cross-entropy for network k on the given samples.</summary>
    public void CrossEntropyEpoch(LearnerEpoch epoch, int k, int[] indices)
    {
        var net = epoch.Networks[k];
        var order = (int[])indices.Clone();
        new Random(Seeds.Derive(seed, "dividemix-warmup", 2 * epoch.Epoch + k)).Shuffle(order);
        net.train();
        for (var start = 0; start < order.Length; start += trainer.BatchSize)
        {
            var count = Math.Min(trainer.BatchSize, order.Length - start);
            var rows = order.AsSpan(start, count).ToArray();
            var value = epoch.Step(k, () =>
            {
                var index = Inference.IndexTensor(rows);
                var inputs = Augment(train.InputsAt(index, epoch.Device));
                var labels = train.LabelsAt(index, epoch.Device);
                var logits = net.call(inputs);
                var loss = nn.functional.cross_entropy(logits, labels);
                if (options.WarmupConfidencePenalty) loss = loss + MixMatch.NegativeEntropy(logits);
                Tally.Hits += logits.detach().argmax(1).eq(labels).sum().item<long>();
                return loss;
            });
            Tally.Losses.Add(value);
            Tally.Seen += count;
            Tally.Forwarded += count;
            Tally.Backpropagated += count;
        }
    }

    /// <summary>One epoch of MixMatch for network k on its split; the other network only co-guesses.</summary>
    public void MixMatchEpoch(LearnerEpoch epoch, int k, DivideMixSplit.Samples split)
    {
        var net = epoch.Networks[k];
        var other = epoch.Networks[1 - k];
        var random = new Random(Seeds.Derive(seed, "dividemix-order", 2 * epoch.Epoch + k));
        var beta = new BetaSampler(Seeds.Derive(seed, "dividemix-mixup", 2 * epoch.Epoch + k));
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
                var batch = b;
                var value = epoch.Step(k, () =>
                {
                    var positions = labeledOrder.AsSpan(batch * trainer.BatchSize, Math.Min(trainer.BatchSize, labeledOrder.Length - batch * trainer.BatchSize)).ToArray();
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
                        var take = Math.Min(trainer.BatchSize, unlabeled.Length - cursor);
                        unlabeledRows = unlabeled.AsSpan(cursor, take).ToArray();
                        cursor += take;
                    }
                    return MixMatchLoss(net, other, epoch.Device, labeledRows, weights, unlabeledRows, epoch.Epoch + batch / (double)iterations, random, beta);
                });
                Tally.Losses.Add(value);
            }
        }
        finally
        {
            other.train(otherWasTraining);
        }
    }

    /// <summary>Lx + λu·Lu + uniform-prior penalty of one MixMatch batch (its parts recorded in the tally).</summary>
    private Tensor MixMatchLoss(Classifier net, Classifier other, Device device, int[] labeledRows, float[] weights, int[] unlabeledRows,
        double progress, Random random, BetaSampler beta)
    {
        int bx = labeledRows.Length, bu = unlabeledRows.Length;
        var labeledIndex = Inference.IndexTensor(labeledRows);
        var x = train.InputsAt(labeledIndex, device);
        var x1 = Augment(x);
        var x2 = Augment(x);
        var labels = train.LabelsAt(labeledIndex, device);
        Tensor? u1 = null, u2 = null, targetsU = null;
        if (bu > 0)
        {
            var u = train.InputsAt(Inference.IndexTensor(unlabeledRows), device);
            u1 = Augment(u);
            u2 = Augment(u);
        }

        Tensor targetsX;
        using (no_grad())
        {
            if (u1 is not null && u2 is not null)
                targetsU = MixMatch.CoGuess([net.call(u1), net.call(u2), other.call(u1), other.call(u2)], options.Temperature);
            targetsX = MixMatch.Refine(labels, ComputeDevice.To(tensor(weights), device), [net.call(x1), net.call(x2)], options.Temperature);
        }
        Tally.Forwarded += 4L * bu + 2L * bx;

        var coefficient = MixMatch.Coefficient(beta, options.Alpha);
        var rows = 2 * (bx + bu);
        var allInputs = u1 is not null && u2 is not null ? cat([x1, x2, u1, u2], 0) : cat([x1, x2], 0);
        var allTargets = targetsU is not null ? cat([targetsX, targetsX, targetsU, targetsU], 0) : cat([targetsX, targetsX], 0);
        var permutation = Enumerable.Range(0, rows).Select(i => (long)i).ToArray();
        random.Shuffle(permutation);
        var permutationTensor = ComputeDevice.To(tensor(permutation, ScalarType.Int64), device);
        var mixedInputs = MixMatch.Mix(allInputs, coefficient, permutationTensor);
        var mixedTargets = MixMatch.Mix(allTargets, coefficient, permutationTensor);

        var logits = net.call(mixedInputs);
        var labeledLoss = MixMatch.LabeledLoss(logits.narrow(0, 0, 2 * bx), mixedTargets.narrow(0, 0, 2 * bx));
        var penalty = MixMatch.UniformPriorPenalty(logits);
        var loss = labeledLoss + penalty;
        if (bu > 0)
        {
            var lambda = options.LambdaUAt(progress);
            var unlabeledLoss = MixMatch.UnlabeledLoss(logits.narrow(0, 2 * bx, 2 * bu), mixedTargets.narrow(0, 2 * bx, 2 * bu));
            loss = loss + lambda * unlabeledLoss;
            Tally.UnlabeledLosses.Add(unlabeledLoss.item<float>());
        }
        Tally.LabeledLosses.Add(labeledLoss.item<float>());
        Tally.Penalties.Add(penalty.item<float>());
        Tally.Forwarded += rows;
        Tally.Backpropagated += rows;
        return loss;
    }

    private Tensor Augment(Tensor batch) => _augmenter is null ? batch : _augmenter.Apply(batch);

    public void Dispose() => _augmenter?.Dispose();

    /// <summary>Running sums for one epoch's record.</summary>
    internal sealed class EpochTally
    {
        public List<float> Losses { get; } = [];
        public List<float> LabeledLosses { get; } = [];
        public List<float> UnlabeledLosses { get; } = [];
        public List<float> Penalties { get; } = [];
        public long Hits { get; set; }
        public long Seen { get; set; }
        public long Forwarded { get; set; }
        public long Backpropagated { get; set; }
        public double MeanLoss => Losses.Count == 0 ? 0 : Losses.Average(v => (double)v);
    }
}
