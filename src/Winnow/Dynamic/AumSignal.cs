using Winnow.Training;

namespace Winnow.Dynamic;

/// <summary>
/// Area under the margin (Pleiss et al. 2020) as a running value: AUM_i = Σ over the epochs sample i
/// was trained in of its margin p_y − max_{k≠y} p_k, from the trainer's forward pass against the
/// training (possibly wrong) label (<see cref="EpochResult.Margins"/>, in [−1, 1]). Mislabeled samples
/// keep a negative margin until memorised, so low AUM flags them: the value is AUM itself, and the
/// low-AUM samples become the pruning candidates of any host, as with DAS. Like Winnow's aum detection score it is a
/// sum, not a mean, so it grows with the epochs trained: a sample pruned often moves
/// more slowly in either direction. A sample not trained on keeps its value (NaN).
/// </summary>
public sealed class AumSignal(int sampleCount) : ISampleSignal
{
    private readonly double[] _sum = new double[sampleCount];

    public string Name => "aum";

    public IReadOnlyList<int> AlwaysKept { get; } = [];

    public bool ScaleChanged => false;

    public float[] Update(int epoch, EpochPlan plan, EpochResult result)
    {
        // A loop that reports only losses (PrunedEpoch) has no margins to sum.
        if (result.Margins.Length != plan.Count || result.Margins.Any(float.IsNaN))
            throw new WinnowException("the aum signal needs every trained sample's margin p_y − max p_k, which this training loop does not report (use the loss, mean-loss or das signal)");
        var values = Enumerable.Repeat(float.NaN, sampleCount).ToArray();
        for (var k = 0; k < plan.Count; k++)
        {
            var i = plan.Indices[k];
            _sum[i] += result.Margins[k];
            values[i] = (float)_sum[i];
        }
        return values;
    }
}
