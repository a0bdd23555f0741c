namespace Winnow.Dynamic;

/// <param name="reference">The trusted reference set, resolved on demand (it throws when none was given).</param>
/// <param name="epochs">The run's epochs (the auto DAS window follows them).</param>
public delegate ISampleSignal SignalFactory(int sampleCount, Func<IReadOnlyList<int>> reference, AlignmentOptions options, int epochs);

/// <param name="NeedsReference">Whether the signal compares against a trusted reference set.</param>
public sealed record SignalEntry(string Name, string Description, SignalFactory Create, bool NeedsReference = false) : IRegistered;

/// <summary>
/// The per-sample values a dynamic pruner can rank by (<c>--signal</c>; <c>--align</c> is das), larger =
/// more worth training on. loss keeps the hosts' published ranking; das, mean-loss and aum are the
/// robust readings, under which the samples that look mislabeled become the pruning candidates.
/// </summary>
public static class SampleSignals
{
    public static Registry<SignalEntry> All { get; } = new("signal",
    [
        new("loss", "each sample's most recent training loss (InfoBatch, UCB, ε-greedy as published)", (n, _, _, _) => new LossSignal(n)),
        new("das", "AlignPrune's Dynamic Alignment Score: Pearson of the last N losses with a trusted reference set's",
            (n, reference, options, epochs) => new AlignmentSignal(n, reference(), options.WindowFor(epochs)), NeedsReference: true),
        new("mean-loss", "minus each sample's mean loss over the epochs it was trained in: persistently high-loss (likely mislabeled) samples are pruned first",
            (n, _, _, _) => new MeanLossSignal(n)),
        new("aum", "area under the margin, Σ of p_y − max_{k≠y} p_k over the epochs trained: low-AUM (likely mislabeled) samples are pruned first",
            (n, _, _, _) => new AumSignal(n)),
    ]);

    public static IReadOnlyList<string> Names => All.Names;
}
