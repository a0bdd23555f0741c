namespace Winnow.Dynamic;

/// <summary>
/// Uniform dynamic pruning (Raju et al. 2021): every epoch a fresh uniformly random
/// (1 − r) of the samples, weight 1. Ignores the signal (with AlignPrune it only adds the
/// reference set); surprisingly strong at aggressive ratios.
/// </summary>
public sealed class UniformPruner(int sampleCount, DynamicOptions options, int seed, ISampleSignal? signal = null)
    : DynamicPruner(sampleCount, options, seed, signal)
{
    public override string Name => "uniform";

    protected override (int[] Indices, float[]? Weights) Choose(int epoch, int epochs, Random random)
    {
        var order = Enumerable.Range(0, SampleCount).ToArray();
        random.Shuffle(order);
        return (order.Take(KeptCount()).Order().ToArray(), null);
    }

    protected override void Absorb(int epoch, float[] values) { }
}
