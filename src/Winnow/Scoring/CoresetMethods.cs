using Winnow.Scoring.Methods;

namespace Winnow.Scoring;

/// <summary>
/// Every static pruning method by the name the command line takes, with a one-line description:
/// `winnow methods`, `winnow prune --help` and grid files read this list, so a new method
/// appears everywhere by being added here once.
/// </summary>
public static class CoresetMethods
{
    public static Registry<CoresetMethodEntry> All { get; } = new("method",
    [
        new("random", "uniformly random subset (seeded); no training", () => new RandomMethod()),
        new("el2n", "keep largest ‖p − y‖ after a few epochs, averaged over repeats (Paul et al. 2021)", () => new El2nMethod()),
        new("grand", "keep largest gradient norm, last layer closed form or --gradients full (Paul et al. 2021)", () => new GrandMethod()),
        new("forgetting", "keep most correct→incorrect transitions; never learned = presentations (Toneva et al. 2019)", () => new ForgettingMethod()),
        new("margin", "keep smallest p_top1 − p_top2 (most uncertain)", () => new MarginMethod()),
        new("least-confidence", "keep smallest max softmax probability", () => new LeastConfidenceMethod()),
        new("entropy", "keep largest predictive entropy", () => new EntropyMethod()),
        new("small-loss", "keep smallest cross-entropy (noise-robust baseline)", () => new SmallLossMethod()),
        new("aum", "keep largest area under the margin; low AUM flags mislabeled samples (Pleiss et al. 2020)", () => new AumMethod()),
        new("moderate", "keep embeddings at moderate distance to their class median (Xia et al. 2023)", () => new ModerateMethod()),
        new("ccs", "drop hardest --mis-ratio, then sample evenly over difficulty strata (Zheng et al. 2023)", () => new CcsMethod()),
        new("moso", "MoSo, reference protocol: 8 partition surrogates, 10 of 50 end-of-epoch checkpoints, full gradients (Tan et al. 2023)", () => new MosoMethod()),
        new("moso-fast", "MoSo, fast: one surrogate on all data, start-of-epoch checkpoints, last-layer gradients by default (Tan et al. 2023)", () => new MosoFastMethod()),
        new("prune4rel", "greedy max of reduced neighbourhood confidence, for re-labeling learners (Park et al. 2023)", () => new Prune4RelMethod()),
    ]);

    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>The class-balance default every method shares, and the measurement it rests on.</summary>
    public const string BalanceNote =
        "every method keeps the same fraction of each class by default, as DeepCore does (--no-balance ranks all samples together): " +
        "on 5,000 Fashion-MNIST images balance gained score-ranked methods up to 41 pt at f 0.1 and never cost more than 5 pt (bench/grids/balance.json, BENCHMARKS.md)";

    /// <exception cref="WinnowException">Unknown name.</exception>
    public static ICoresetMethod Create(string name) => All[name].Create();
}

public sealed record CoresetMethodEntry(string Name, string Description, Func<ICoresetMethod> Create) : IRegistered;
