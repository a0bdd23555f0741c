namespace Winnow.Scoring;

/// <summary>Which kind of per-sample gradient a gradient-based score uses.</summary>
public enum GradientKind
{
    /// <summary>Closed-form gradient of the last linear layer: (p − y) ⊗ [h, 1]; one forward pass.</summary>
    LastLayer,
    /// <summary>Autograd through every parameter, one backward pass per sample (slow; exact).</summary>
    Full,
}

/// <summary>The confidence Prune4ReL gives each sample.</summary>
public enum ConfidenceKind
{
    /// <summary>Max softmax probability.</summary>
    LeastConfidence,
    /// <summary>p_top1 − p_top2.</summary>
    Margin,
}

/// <summary>How Prune4ReL's greedy ranks candidates.</summary>
public enum Prune4RelGreedy
{
    /// <summary>Only the candidate's own term, as the reference code: O(k·N·d).</summary>
    Own,
    /// <summary>The full marginal gain of the objective Σ_x tanh(NC_x/η), by lazy greedy.</summary>
    Marginal,
}

/// <summary>
/// Everything a coreset method may be told: the shared scoring budget (surrogate epochs,
/// repeats, seed, class balance) and each method's own knobs with the reference defaults
/// (scaled for CPU where noted).
/// </summary>
public sealed record CoresetOptions
{
    /// <summary>Epochs of the surrogate training run that scores are read from (references: a few to 20; CPU default 5).</summary>
    public int ScoreEpochs { get; init; } = 5;

    /// <summary>Independently seeded surrogate runs whose scores are averaged (EL2N/GraNd reference: 10; CPU default 1).</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Keep the same fraction of every class (by training label). MoSo and Prune4ReL balance by default.</summary>
    public bool? Balance { get; init; }

    public int Seed { get; init; }

    /// <summary>GraNd and MoSo: closed-form last-layer gradients (default) or full-network autograd.</summary>
    public GradientKind Gradients { get; init; } = GradientKind.LastLayer;

    /// <summary>CCS: fraction of the hardest samples dropped first (reference 0.3 for CIFAR-10 at 90% pruning).</summary>
    public double MisRatio { get; init; } = 0.3;

    /// <summary>CCS: the difficulty score stratified (aum, el2n or forgetting).</summary>
    public string CcsScore { get; init; } = "aum";

    /// <summary>CCS: number of equal-width strata (reference 50).</summary>
    public int Strata { get; init; } = 50;

    /// <summary>Prune4ReL: similarity threshold τ (0.975 CIFAR-10, 0.95 CIFAR-100, 0.8 Clothing-1M).</summary>
    public double Tau { get; init; } = 0.975;

    /// <summary>Prune4ReL: η of tanh(·/η) (1 in the reference scripts).</summary>
    public double Eta { get; init; } = 1.0;

    public ConfidenceKind Confidence { get; init; } = ConfidenceKind.LeastConfidence;

    public Prune4RelGreedy Greedy { get; init; } = Prune4RelGreedy.Own;

    public void Validate()
    {
        if (ScoreEpochs < 1) throw new WinnowException($"--score-epochs must be at least 1 (got {ScoreEpochs})");
        if (Repeats < 1) throw new WinnowException($"--repeats must be at least 1 (got {Repeats})");
        if (MisRatio is < 0 or >= 1) throw new WinnowException($"--mis-ratio {MisRatio} is outside [0, 1)");
        if (Strata < 1) throw new WinnowException($"--strata must be at least 1 (got {Strata})");
        if (Tau is < 0 or > 1) throw new WinnowException($"--tau {Tau} is outside [0, 1]");
        if (!(Eta > 0)) throw new WinnowException($"--eta must be positive (got {Eta})");
        if (CcsScore is not ("aum" or "el2n" or "forgetting"))
            throw new WinnowException($"--ccs-score '{CcsScore}' is not one of aum, el2n, forgetting");
    }
}
