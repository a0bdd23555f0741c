using Winnow.Training;

namespace Winnow.Dynamic;

/// <summary>
/// The running mean of each sample's training loss over every epoch it was trained in, negated:
/// value_i = −(1/T_i)·Σ_t ℓ_i(t). Under label noise the wrongly labelled samples keep a high loss
/// for many epochs before they are memorised, so they get the lowest values and, as with DAS, become
/// the pruning candidates of whatever pruner hosts the signal (InfoBatch prunes below the mean, UCB
/// and ε-greedy keep the top). This deliberately reverses the hosts' published loss ranking, which
/// keeps the hard (high-loss) samples. A sample not trained on keeps its value (NaN); its mean only
/// moves when it is trained on.
/// </summary>
public sealed class MeanLossSignal(int sampleCount) : ISampleSignal
{
    private readonly double[] _sum = new double[sampleCount];
    private readonly int[] _count = new int[sampleCount];

    public string Name => "mean-loss";

    public IReadOnlyList<int> AlwaysKept { get; } = [];

    public bool ScaleChanged => false;

    public float[] Update(int epoch, EpochPlan plan, EpochResult result)
    {
        var values = Enumerable.Repeat(float.NaN, sampleCount).ToArray();
        for (var k = 0; k < plan.Count; k++)
        {
            var i = plan.Indices[k];
            _sum[i] += result.Losses[k];
            _count[i]++;
            values[i] = (float)(-_sum[i] / _count[i]);
        }
        return values;
    }
}
