namespace Winnow.Dynamic;

/// <summary>
/// UCB dynamic pruning (Raju et al. 2021): running mean and variance of each sample's value,
/// μ ← (1 − α)μ + α·ℓ and σ² ← (1 − α)σ² + α(ℓ − μ_old)², score μ + c·σ²; keep the top
/// round((1 − r)·N), weight 1, re-selected every <c>ReselectEvery</c> epochs. The first epoch
/// trains on everything (no sample has a value yet).
/// </summary>
public sealed class UcbPruner(int sampleCount, DynamicOptions options, int seed, ISampleSignal? signal = null)
    : DynamicPruner(sampleCount, options, seed, signal)
{
    private readonly RunningMoments _moments = new(sampleCount, options.EmaAlpha);
    private int[]? _current;

    public override string Name => "ucb";

    public float[] Scores() =>
        Enumerable.Range(0, SampleCount).Select(i => (float)(_moments.Mean[i] + Options.UcbC * _moments.Variance[i])).ToArray();

    protected override (int[] Indices, float[]? Weights) Choose(int epoch, int epochs, Random random)
    {
        if (!_moments.Started) return (Enumerable.Range(0, SampleCount).ToArray(), null);
        if (_current is null || epoch % Options.ReselectEvery == 0) _current = Top(Scores(), KeptCount()).Order().ToArray();
        return (_current, null);
    }

    protected override void Absorb(int epoch, float[] values) => _moments.Update(values, Signal.ScaleChanged);
}
