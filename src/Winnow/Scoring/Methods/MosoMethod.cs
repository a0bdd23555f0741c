using Winnow.Data;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Scoring.Methods;

/// <summary>
/// MoSo (Tan et al. NeurIPS 2023, "moving-one-sample-out"), the reference protocol of the public
/// code: how much the empirical risk would rise if z were left out. The training set is cut into
/// P contiguous partitions (<see cref="Partitions.Contiguous"/>; Winnow's training sets are shuffled
/// before they get indices, so contiguous blocks are unbiased). One surrogate per partition, all from
/// the same initial network, trains E epochs on its partition only: SGD lr 0.1, Nesterov momentum
/// 0.9, weight decay 2e-4, batch 256, cosine to 1e-4 (T_max = E), with the run's augmentation.
/// T of its E end-of-epoch checkpoints are drawn at random; each sample is scored only by its own
/// partition's surrogate, at each drawn checkpoint, in eval mode, with full-network gradients at
/// batch size 1: M(z) = Σ_t η_t·<see cref="MosoScore.Exact"/>(n, ‖ḡ_t‖², ⟨ḡ_t, g_t⟩, ‖g_t‖²), n the
/// partition's size, ḡ_t its mean gradient, η_t the learning rate checkpoint t was trained with.
/// When the run augments, ḡ is taken on one augmented pass and each g on another, as the
/// reference's scoring loader uses the training transform. Keep the highest — noisy labels and
/// outliers score low. Top-k per class by default, as the reference. The fast variant is
/// <see cref="MosoFastMethod"/>.
/// </summary>
public sealed class MosoMethod : RankedMethod
{
    // The reference's surrogate optimiser, besides the learning rate (a setting).
    private const double Momentum = 0.9;
    private const double WeightDecay = 2e-4;
    private const double MinLearningRate = 1e-4;
    private const int BatchSize = 256;

    public override string Name => "moso";

    /// <summary>The surrogates' trainer: the reference optimiser and schedule, the run's augmentation and inference batch.</summary>
    public static TrainerOptions SurrogateOptions(CoresetOptions options, TrainerOptions run) => run with
    {
        Epochs = options.MosoEpochs,
        BatchSize = BatchSize,
        LearningRate = options.MosoLr,
        Momentum = Momentum,
        Nesterov = true,
        WeightDecay = WeightDecay,
        Schedule = LearningRateSchedule.Cosine,
        MinLearningRate = MinLearningRate,
        ClipGradNorm = null,
    };

    public override SampleScores Score(ScoringContext context) =>
        new(Name, (float[])context.ScoresOnce(Name, () => Compute(context)).Clone(), KeepDirection.High);

    /// <summary>Trains every partition's surrogate and saves each before the next trains (memory holds one partition's checkpoints).</summary>
    public override void TrainSurrogates(ScoringContext context, SurrogateWriter writer)
    {
        var partitions = PartitionsOf(context);
        using var initial = context.Model.Build(Seeds.Derive(context.Seed, "surrogate-init"));
        for (var p = 0; p < partitions.Length; p++)
        {
            using var part = TrainPartition(context, initial, partitions, p);
            writer.SavePartition(p, part);
        }
    }

    private static int[][] PartitionsOf(ScoringContext context)
    {
        var options = context.Options;
        var count = context.Train.Count;
        if (count / options.MosoPartitions < 2)
            throw new WinnowException($"MoSo's {options.MosoPartitions} partitions of {count} samples would hold fewer than 2 samples each: lower the number of partitions");
        return Partitions.Contiguous(count, options.MosoPartitions);
    }

    private static PartitionSurrogate TrainPartition(ScoringContext context, Models.Classifier initial, int[][] partitions, int p)
    {
        var options = context.Options;
        var rows = partitions[p];
        var keep = PartitionSurrogate.DrawEpochs(options.MosoEpochs, options.MosoCheckpoints, Seeds.Derive(context.Seed, "moso-checkpoints", p));
        var part = PartitionSurrogate.Train(initial, context.Model, context.Train, rows, SurrogateOptions(options, context.Surrogate), keep,
            Seeds.Derive(context.Seed, "moso-surrogate", p), context.Progress, context.Cancellation);
        context.RecordSurrogate(part.TrainSeconds, (long)rows.Length * options.MosoEpochs);
        return part;
    }

    /// <summary>
    /// The scores of the context's range: each partition that holds some of its samples is trained
    /// (or read from the saved surrogates), its mean gradients taken over the whole partition, and
    /// only the range's samples get their per-sample gradients.
    /// </summary>
    private static float[] Compute(ScoringContext context)
    {
        var options = context.Options;
        var train = context.Train;
        var range = context.Range;
        var partitions = PartitionsOf(context);
        var strength = AugmentationChoice.Resolve(SurrogateOptions(options, context.Surrogate).Augment, train);
        var scores = new double[range.Count];
        using var initial = context.Saved is null ? context.Model.Build(Seeds.Derive(context.Seed, "surrogate-init")) : null;
        for (var p = 0; p < partitions.Length; p++)
        {
            var rows = partitions[p];
            // Partitions are contiguous: the range's samples in this one are positions [from, to) of its rows.
            var from = Math.Max(range.From, rows[0]) - rows[0];
            var to = Math.Min(range.To, rows[^1] + 1) - rows[0];
            if (to <= from) continue;
            using var part = context.Saved?.LoadPartition(p, context.Device) ?? TrainPartition(context, initial!, partitions, p);
            foreach (var checkpoint in part.Checkpoints)
            {
                var view = p * options.MosoEpochs + checkpoint.Epoch;
                using var meanView = Views(strength, Seeds.Derive(context.Seed, "moso-mean-view", view), train.BlackPixel);
                using var sampleView = Views(strength, Seeds.Derive(context.Seed, "moso-sample-view", view), train.BlackPixel);
                using var mean = FullGradients.MeanGradient(checkpoint.Model, train, rows, meanView);
                var meanSquared = (double)mean.dot(mean).item<float>();
                var (dot, squared) = FullGradients.Alignment(checkpoint.Model, train, rows, mean, sampleView, context.Cancellation, new ScoreRange(from, to));
                for (var k = 0; k < dot.Length; k++)
                    scores[rows[from + k] - range.From] += checkpoint.LearningRate * MosoScore.Exact(rows.Length, meanSquared, dot[k], squared[k]);
            }
        }
        return scores.Select(s => (float)s).ToArray();
    }

    private static Augmenter? Views(AugmentationStrength strength, int seed, float[]? black) =>
        strength == AugmentationStrength.None ? null : new Augmenter(strength, seed, black);
}
