using Winnow.Settings;

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

/// <summary>The difficulty score CCS stratifies.</summary>
public enum CcsScore
{
    /// <summary>−AUM (the reference).</summary>
    Aum,
    El2n,
    Forgetting,
}

/// <summary>Where Prune4ReL's confidences and embeddings come from.</summary>
public enum Prune4RelInputs
{
    /// <summary>
    /// As the reference (<c>eval_train_strong</c>): one eval-mode pass over strongly augmented views,
    /// after a warm-up that trains the first score-epochs epochs of the run's own schedule.
    /// </summary>
    Strong,
    /// <summary>Clean (unaugmented) predictions of a surrogate whose short schedule anneals to 0.</summary>
    Clean,
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
/// repeats, class balance) and each method's own knobs with the reference defaults (scaled for
/// CPU where noted). The seed is the run's.
/// </summary>
public sealed record CoresetOptions
{
    [Setting("score-epochs", "Epochs of the surrogate training run that scores are read from (references: a few to 20)", Min = 1)]
    public int ScoreEpochs { get; init; } = 5;

    [Setting("repeats", "Independently seeded surrogate runs whose scores are averaged (EL2N/GraNd reference: 10)", Min = 1)]
    public int Repeats { get; init; } = 1;

    // On for every method, as DeepCore does: measured with bench/grids/balance.json (BENCHMARKS.md),
    // it never cost a score-ranked method more than 5 pt and gained up to 41 pt at f 0.1 on clean labels.
    [Setting("balance", "Keep the same fraction of every class (by training label), as DeepCore does; off: rank all samples together", Label = "class balance")]
    public bool Balance { get; init; } = true;

    [Setting("gradients", "grand, moso-fast: last-layer (closed form) | full (autograd per sample, slow)")]
    public GradientKind Gradients { get; init; } = GradientKind.LastLayer;

    [Setting("mis-ratio", "ccs: fraction of the hardest samples dropped before stratifying (reference 0.3 for CIFAR-10 at 90% pruning)",
        Label = "the CCS mis-ratio", Min = 0, Max = 1, MaxExclusive = true)]
    public double MisRatio { get; init; } = 0.3;

    [Setting("ccs-score", "ccs: the difficulty score stratified", Label = "the CCS score")]
    public CcsScore CcsScore { get; init; } = CcsScore.Aum;

    [Setting("strata", "ccs: number of equal-width strata (reference 50)", Label = "the number of CCS strata", Min = 1)]
    public int Strata { get; init; } = 50;

    [Setting("tau", "prune4rel: similarity threshold τ (0.975 CIFAR-10, 0.95 CIFAR-100, 0.8 Clothing-1M)", Label = "the Prune4ReL threshold tau", Min = 0, Max = 1)]
    public double Tau { get; init; } = 0.975;

    [Setting("eta", "prune4rel: η in tanh(NC/η) (1 in the reference scripts)", Label = "the Prune4ReL eta", Min = 0, MinExclusive = true)]
    public double Eta { get; init; } = 1.0;

    [Setting("confidence", "prune4rel: least-confidence (max probability) | margin", Label = "the Prune4ReL confidence")]
    public ConfidenceKind Confidence { get; init; } = ConfidenceKind.LeastConfidence;

    [Setting("prune4rel-inputs", "prune4rel: strong (an eval pass on strongly augmented views after a warm-up of score-epochs epochs on the run's own schedule, as the reference) | clean (clean predictions of a surrogate annealed to 0 over score-epochs)",
        Label = "the Prune4ReL inputs")]
    public Prune4RelInputs Prune4RelInputs { get; init; } = Prune4RelInputs.Strong;

    [Setting("greedy", "prune4rel: own (candidate's own term, as the reference) | marginal (full marginal gain, lazy greedy)", Label = "the Prune4ReL greedy")]
    public Prune4RelGreedy Greedy { get; init; } = Prune4RelGreedy.Own;

    /// <remarks>Null (the default, left out of the spec) keeps the dense greedy, so earlier specs hash as before.</remarks>
    [Setting("prune4rel-neighbours", "prune4rel: build the τ-neighbourhoods once as a sparse graph keeping at most K neighbours a sample, and run the own-term greedy on it (for large N; the same picks as the dense greedy when K covers every neighbour); the dense greedy when not given",
        Label = "the Prune4ReL neighbour cap", Min = 1)]
    public int? Prune4RelNeighbours { get; init; }

    [Setting("moso-partitions", "moso: disjoint partitions of the training set, each scored by its own surrogate (reference 8)",
        Label = "the number of MoSo partitions", Min = 1)]
    public int MosoPartitions { get; init; } = 8;

    [Setting("moso-epochs", "moso: epochs each partition's surrogate trains (reference 50; SGD Nesterov, weight decay 2e-4, batch 256, cosine to 1e-4)",
        Label = "the MoSo surrogate epochs", Min = 1)]
    public int MosoEpochs { get; init; } = 50;

    [Setting("moso-lr", "moso: initial learning rate of the surrogates (reference 0.1)", Label = "the MoSo learning rate", Min = 1e-4)]
    public double MosoLr { get; init; } = 0.1;

    [Setting("moso-checkpoints", "moso: end-of-epoch checkpoints drawn at random per surrogate, scores weighted by their epoch's learning rate (reference 10)",
        Label = "the number of MoSo checkpoints", Min = 1)]
    public int MosoCheckpoints { get; init; } = 10;

    public void Validate()
    {
        Declared.Validate(this);
        if (MosoCheckpoints > MosoEpochs)
            throw new WinnowException($"MoSo draws {MosoCheckpoints} checkpoints from {MosoEpochs} surrogate epochs: draw at most one per epoch");
        if (Prune4RelNeighbours is not null && Greedy == Prune4RelGreedy.Marginal)
            throw new WinnowException("the sparse neighbour graph runs Prune4ReL's own-term greedy: leave out prune4rel-neighbours or the marginal greedy");
    }
}
