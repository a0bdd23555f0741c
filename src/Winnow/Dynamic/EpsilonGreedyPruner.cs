namespace Winnow.Dynamic;

/// <summary>
/// ε-greedy dynamic pruning (Raju et al. 2021; formulas from a public re-implementation): score
/// s ← (1 − α)s + α·ℓ, an exponential moving average of each sample's value. Keep K = round((1 − r)·N):
/// the top round((1 − ε)·K) by score plus the remaining K − that drawn uniformly from the rest,
/// weight 1, re-selected every <c>ReselectEvery</c> epochs. The first epoch trains on everything.
/// </summary>
public sealed class EpsilonGreedyPruner(int sampleCount, DynamicOptions options, int seed, ISampleSignal? signal = null)
    : DynamicPruner(sampleCount, options, seed, signal)
{
    private readonly RunningMoments _moments = new(sampleCount, options.EmaAlpha);
    private int[]? _current;

    public override string Name => "epsilon-greedy";

    public float[] Scores() => _moments.Mean.Select(m => (float)m).ToArray();

    protected override (int[] Indices, float[]? Weights) Choose(int epoch, int epochs, Random random)
    {
        if (!_moments.Started) return (Enumerable.Range(0, SampleCount).ToArray(), null);
        if (_current is not null && epoch % Options.ReselectEvery != 0) return (_current, null);
        var budget = KeptCount();
        var greedy = (int)Math.Round((1 - Options.Epsilon) * budget, MidpointRounding.AwayFromZero);
        var top = Top(Scores(), greedy);
        var taken = top.ToHashSet();
        var rest = Enumerable.Range(0, SampleCount).Where(i => !taken.Contains(i)).ToArray();
        random.Shuffle(rest);
        _current = top.Concat(rest.Take(budget - greedy)).Order().ToArray();
        return (_current, null);
    }

    protected override void Absorb(int epoch, float[] values) => _moments.Update(values, Signal.ScaleChanged);
}
