namespace Winnow.Scoring.Methods;

/// <summary>
/// MoSo, fast variant (Tan et al. NeurIPS 2023, "moving-one-sample-out"); the reference protocol is
/// <see cref="MosoMethod"/>. This one follows the older last-layer variant: one surrogate run on all
/// the data (<c>--score-epochs</c>), its start-of-epoch checkpoints, scores on unaugmented inputs.
/// The score is how much the empirical risk would rise if z were left out, approximated over the
/// checkpoints t as M(z) = Σ_t η_t·⟨ḡ_t − g_t(z)/N, g_t(z)⟩ (up to the constant T/N), with η_t the
/// learning rate used from checkpoint t, ḡ_t the mean gradient over the whole set and g_t(z) the
/// sample's gradient. Checkpoints: the start of every surrogate epoch, initial model included, each
/// paired with the learning rate of the SGD steps taken from it. Gradients: closed-form last layer
/// by default, full network with <c>--gradients full</c>. Keep the highest — samples aligned with
/// the mean gradient; noisy labels and outliers score low. Top-k per class by default.
/// </summary>
public sealed class MosoFastMethod : RankedMethod
{
    public override string Name => "moso-fast";

    public override SampleScores Score(ScoringContext context)
    {
        var full = context.Options.Gradients == GradientKind.Full;
        var n = context.Train.Count;
        var range = context.Range;
        var values = context.Average(run =>
        {
            var score = new double[range.Count];
            foreach (var snapshot in run.Snapshots)
            {
                // ḡ is over the whole set either way; the last-layer form has every sample's gradient at once.
                var (dot, squared) = full
                    ? FullGradients.AlignmentWithMean(snapshot.Model!, context.Train, context.Cancellation, range)
                    : Slice(LastLayerGradients.AlignmentWithMean(snapshot.Predictions, context.Train.Labels), range);
                for (var i = 0; i < score.Length; i++) score[i] += snapshot.LearningRate * (dot[i] - squared[i] / n);
            }
            return score.Select(s => (float)s).ToArray();
        }, snapshots: true, models: full);
        return new SampleScores(Name, values, KeepDirection.High);
    }

    /// <summary>The surrogate runs with their start-of-epoch snapshots (and models, for full gradients).</summary>
    public override void TrainSurrogates(ScoringContext context, SurrogateWriter writer) =>
        writer.SaveRuns(context.Runs(snapshots: true, models: context.Options.Gradients == GradientKind.Full));

    private static (double[], double[]) Slice((double[] Dot, double[] Squared) whole, ScoreRange range) =>
        (range.Slice(whole.Dot), range.Slice(whole.Squared));
}
