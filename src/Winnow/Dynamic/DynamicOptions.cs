namespace Winnow.Dynamic;

/// <summary>
/// Settings of the dynamic pruners and of the AlignPrune plug-in, with the reference defaults.
/// </summary>
public sealed record DynamicOptions
{
    /// <summary>
    /// Prune ratio r in [0, 1). InfoBatch: the fraction of below-mean candidates dropped each
    /// epoch (reference 0.5); uniform, UCB, ε-greedy: the fraction of all samples dropped.
    /// </summary>
    public double PruneRatio { get; init; } = 0.5;

    /// <summary>InfoBatch: from epoch ⌊δ·E⌋ on, train on all data with weight 1 (reference δ = 0.875).</summary>
    public double Anneal { get; init; } = 0.875;

    /// <summary>UCB and ε-greedy: weight α of the newest value in the running means (Raju et al.'s EMA).</summary>
    public double EmaAlpha { get; init; } = 0.5;

    /// <summary>UCB: weight c of the running variance in μ + c·σ².</summary>
    public double UcbC { get; init; } = 1.0;

    /// <summary>ε-greedy: fraction of the kept budget drawn uniformly from the rest.</summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>UCB and ε-greedy: re-select every this many epochs.</summary>
    public int ReselectEvery { get; init; } = 1;

    public int Seed { get; init; }

    public void Validate()
    {
        if (!(PruneRatio >= 0 && PruneRatio < 1)) throw new WinnowException($"prune ratio {PruneRatio} is outside [0, 1)");
        if (!(Anneal > 0 && Anneal <= 1)) throw new WinnowException($"--anneal {Anneal} is outside (0, 1]");
        if (!(EmaAlpha > 0 && EmaAlpha <= 1)) throw new WinnowException($"--ema-alpha {EmaAlpha} is outside (0, 1]");
        if (!(UcbC >= 0)) throw new WinnowException($"--ucb-c must be non-negative (got {UcbC})");
        if (!(Epsilon >= 0 && Epsilon <= 1)) throw new WinnowException($"--epsilon {Epsilon} is outside [0, 1]");
        if (ReselectEvery < 1) throw new WinnowException($"--reselect-every must be at least 1 (got {ReselectEvery})");
    }
}
