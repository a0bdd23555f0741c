namespace Winnow.Dynamic;

/// <summary>
/// InfoBatch (Qin et al. ICLR 2024). Score H(z) = the sample's most recent value (loss, or DAS
/// under AlignPrune), all starting at 3 so the first epoch trains on everything. Each epoch the
/// candidates are the samples scoring below the mean; a random round((1 − r)·|candidates|) of them
/// are kept at loss weight 1/(1 − r) (keep ratio at least 0.1, as the reference clamps it), every
/// other sample at weight 1; pruned samples keep their old score. From epoch ⌊δ·E⌋ on (δ = 0.875)
/// training uses all data at weight 1. The reference resets the weights only when δ·E is an
/// integer, so 1/(1 − r) weights can leak into the annealing epochs; here every plan carries its
/// own weights, so they cannot. <see cref="DynamicOptions.Reweight"/> off keeps the kept candidates at weight 1
/// (the switch AlignPrune leaves open).
/// </summary>
public sealed class InfoBatchPruner : DynamicPruner
{
    public const float InitialScore = 3f;
    public const double MinimumKeepRatio = 0.1;

    private readonly float[] _scores;

    public InfoBatchPruner(int sampleCount, DynamicOptions options, int seed, ISampleSignal? signal = null)
        : base(sampleCount, options, seed, signal)
    {
        _scores = Enumerable.Repeat(InitialScore, sampleCount).ToArray();
    }

    public override string Name => "infobatch";

    /// <summary>Whether kept below-mean samples are upweighted by 1/(1 − r) (<see cref="DynamicOptions.Reweight"/>).</summary>
    public bool Reweight => Options.Reweight;

    public IReadOnlyList<float> Scores => _scores;

    /// <summary>The first epoch of full-data annealing, ⌊δ·E⌋.</summary>
    public int AnnealStart(int epochs) => (int)Math.Floor(Options.Anneal * epochs);

    protected override (int[] Indices, float[]? Weights) Choose(int epoch, int epochs, Random random)
    {
        if (epoch >= AnnealStart(epochs) || Options.PruneRatio == 0)
            return (Enumerable.Range(0, SampleCount).ToArray(), Enumerable.Repeat(1f, SampleCount).ToArray());

        var mean = _scores.Average(s => (double)s);
        var candidates = Enumerable.Range(0, SampleCount).Where(i => _scores[i] < mean).ToArray();
        var keepRatio = Math.Max(1 - Options.PruneRatio, MinimumKeepRatio);
        random.Shuffle(candidates);
        var keptCandidates = candidates.Take((int)Math.Round(keepRatio * candidates.Length, MidpointRounding.AwayFromZero)).ToHashSet();
        var dropped = candidates.Where(i => !keptCandidates.Contains(i)).ToHashSet();
        var indices = Enumerable.Range(0, SampleCount).Where(i => !dropped.Contains(i)).ToArray();
        var upweight = Reweight ? (float)(1 / keepRatio) : 1f;
        var weights = indices.Select(i => keptCandidates.Contains(i) ? upweight : 1f).ToArray();
        return (indices, weights);
    }

    protected override void Absorb(int epoch, float[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (!float.IsNaN(values[i])) _scores[i] = values[i];
    }
}
