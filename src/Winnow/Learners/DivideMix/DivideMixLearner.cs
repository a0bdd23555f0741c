using System.Diagnostics;
using Winnow.Data;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Learners.DivideMix;

/// <summary>
/// DivideMix (Li, Socher, Hoi, "DivideMix: Learning with Noisy Labels as Semi-supervised
/// Learning", ICLR 2020) as a two-network learner: the <see cref="Training.Trainer"/> builds,
/// optimises and evaluates both networks and runs every step; this class decides what each
/// epoch's steps are.
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
/// <item>The learning rate follows the trainer's schedule (cosine by default) rather than a step
/// at epoch 150; SGD settings are the trainer's.</item>
/// <item>Warm-up batches hold the trainer's batch size, like the CE learner, so warm-up epochs
/// compare with a CE baseline; the reference uses twice its MixMatch batch. MixMatch steps take
/// BatchSize labeled + BatchSize unlabeled samples, as the reference.</item>
/// <item>λu ramps per batch with the fraction b / (batches this epoch); the reference divides by
/// labeled / batch + 1.</item>
/// <item>The GMM starts from a deterministic 1-D k-means (see the mixture's notes), and the
/// reference's averaging of the last 5 epochs' losses at 90% noise is left out.</item>
/// <item>The two views come from the trainer's augmentation setting (weak = the reference's
/// random crop + flip, the default for colour images); with none — the default for
/// Fashion-MNIST, where crop + flip cost 7 pt in short runs — and for feature vectors the two
/// views are the same, and MixUp, co-guessing and label refinement still apply.</item>
/// <item>Degenerate splits, which the reference does not handle: when no sample passes the
/// threshold, that network trains one epoch of plain cross-entropy on the whole subset (as in
/// warm-up; the reference would not train it at all); when every sample passes, MixMatch runs on
/// the labeled samples alone without Lu.</item>
/// </list>
/// Randomness (shuffles, augmentation, MixUp coefficients and permutations) comes from seeds
/// derived from the trainer's seed; network initialisation is the caller's.
/// </summary>
public sealed class DivideMixLearner : IEpochLearner
{
    /// <summary>Fewest samples a training subset may hold: a two-component mixture on fewer losses is noise.</summary>
    public const int MinimumSamples = 10;

    private readonly List<DivideMixEpoch> _history = [];
    private DivideMixSteps? _steps;
    private double[][] _cleanProbabilities = [];
    private int[] _splitSubset = [];

    /// <param name="epochs">The trainer's epochs: they must leave room after the warm-up.</param>
    public DivideMixLearner(DivideMixOptions options, int epochs)
    {
        options.Validate();
        if (options.WarmupEpochs >= epochs)
            throw new WinnowException($"DivideMix warms up for {options.WarmupEpochs} epochs, so it needs more than that in all (got {epochs} epochs)");
        Options = options;
    }

    public string Name => "dividemix";

    public int Networks => 2;

    public DivideMixOptions Options { get; }

    /// <summary>Every epoch trained, in order.</summary>
    public IReadOnlyList<DivideMixEpoch> History => _history;

    /// <summary>
    /// The last split's clean probabilities: entry k was fitted on network k's losses and divided
    /// the other network's samples; both are aligned with <see cref="SplitSubset"/>. Empty until
    /// the first epoch after warm-up.
    /// </summary>
    public IReadOnlyList<double[]> CleanProbabilities => _cleanProbabilities;

    /// <summary>The subset (training-set indices) that <see cref="CleanProbabilities"/> describe.</summary>
    public IReadOnlyList<int> SplitSubset => _splitSubset;

    /// <summary>Share of samples labeled in the last split, averaged over both networks (null before the first split).</summary>
    public double? LabeledFraction => _history.LastOrDefault(e => !e.WarmUp)?.LabeledFraction;

    public LearnerReport Report => new() { DividemixLabeledFraction = LabeledFraction };

    /// <summary>Refuses a subset too small to split into labeled and unlabeled.</summary>
    public static void CheckSubset(int count)
    {
        if (count < MinimumSamples)
            throw new WinnowException($"DivideMix needs at least {MinimumSamples} training samples to split into labeled and unlabeled (got {count})");
    }

    public Tensor Logits(IReadOnlyList<Classifier> networks, Tensor inputs) => networks[0].call(inputs) + networks[1].call(inputs);

    /// <summary>Trains both networks for one epoch (warm-up, or co-divide + MixMatch) on the plan's samples.</summary>
    public EpochOutcome TrainEpoch(LearnerEpoch epoch)
    {
        var indices = epoch.Plan.Indices.ToArray();
        CheckSubset(indices.Length);
        var watch = Stopwatch.StartNew();
        var steps = _steps ??= new DivideMixSteps(Options, epoch.Train, epoch.Options, epoch.Seed);
        var noisy = epoch.Train.NoisyMask;
        steps.BeginEpoch();
        DivideMixEpoch result;
        if (epoch.Epoch < Options.WarmupEpochs)
        {
            epoch.ExpectSteps(2 * steps.BatchCount(indices.Length));
            for (var k = 0; k < 2; k++) steps.CrossEntropyEpoch(epoch, k, indices);
            result = new DivideMixEpoch(epoch.Epoch, true, steps.Tally.MeanLoss, steps.Tally.Hits / (double)steps.Tally.Seen, [],
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
                var (losses, hits) = steps.Score(epoch.Networks[k], indices);
                probabilities[k] = TwoComponentGaussianMixture.CleanProbabilities(losses);
                accuracy += hits / (double)indices.Length / 2;
            }
            _cleanProbabilities = probabilities;
            _splitSubset = indices;

            var splits = new[] { Divide(indices, probabilities[1]), Divide(indices, probabilities[0]) };
            epoch.ExpectSteps(splits.Sum(s => steps.BatchCount(s.Labeled.Length == 0 ? indices.Length : s.Labeled.Length)));
            var reports = new DivideMixSplit[2];
            for (var k = 0; k < 2; k++)
            {
                var split = splits[k];
                string? fallback = null;
                if (split.Labeled.Length == 0)
                {
                    fallback = "no sample passed the clean threshold: one epoch of plain cross-entropy on the whole subset";
                    steps.CrossEntropyEpoch(epoch, k, indices);
                }
                else
                {
                    if (split.Unlabeled.Length == 0)
                        fallback = "every sample passed the clean threshold: MixMatch on labeled samples only, no unlabeled loss";
                    steps.MixMatchEpoch(epoch, k, split);
                }
                int? noisyLabeled = noisy is null ? null : split.Labeled.Count(i => noisy[i]);
                reports[k] = new DivideMixSplit(split.Labeled.Length, split.Unlabeled.Length, noisyLabeled, fallback);
            }
            var tally = steps.Tally;
            result = new DivideMixEpoch(epoch.Epoch, false, tally.MeanLoss, accuracy, reports,
                Options.LambdaUAt(epoch.Epoch + 1), Mean(tally.LabeledLosses), Mean(tally.UnlabeledLosses), Mean(tally.Penalties), 0, 0, 0);
        }
        result = result with
        {
            SamplesForwarded = steps.Tally.Forwarded,
            SamplesBackpropagated = steps.Tally.Backpropagated,
            Seconds = watch.Elapsed.TotalSeconds,
        };
        _history.Add(result);
        return new EpochOutcome(result.Loss, result.TrainAccuracy, result.SamplesForwarded, result.SamplesBackpropagated);
    }

    private DivideMixSplit.Samples Divide(int[] indices, double[] probabilities)
    {
        var labeled = new List<int>();
        var weights = new List<float>();
        var unlabeled = new List<int>();
        for (var k = 0; k < indices.Length; k++)
        {
            if (probabilities[k] > Options.PThreshold)
            {
                labeled.Add(indices[k]);
                weights.Add((float)probabilities[k]);
            }
            else
            {
                unlabeled.Add(indices[k]);
            }
        }
        return new DivideMixSplit.Samples([.. labeled], [.. weights], [.. unlabeled]);
    }

    private static double? Mean(List<float> values) => values.Count == 0 ? null : values.Average(v => (double)v);

    public void Dispose() => _steps?.Dispose();
}
