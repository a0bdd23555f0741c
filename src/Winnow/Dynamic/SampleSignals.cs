namespace Winnow.Dynamic;

/// <param name="reference">The trusted reference set, resolved on demand (it throws when none was given).</param>
public delegate ISampleSignal SignalFactory(int sampleCount, Func<IReadOnlyList<int>> reference, AlignmentOptions options);

/// <param name="NeedsReference">Whether the signal compares against a trusted reference set.</param>
public sealed record SignalEntry(string Name, string Description, SignalFactory Create, bool NeedsReference = false) : IRegistered;

/// <summary>The per-sample values a dynamic pruner can rank by (<c>--signal</c>; <c>--align</c> is das).</summary>
public static class SampleSignals
{
    public static Registry<SignalEntry> All { get; } = new("signal",
    [
        new("loss", "each sample's most recent training loss (InfoBatch, UCB, ε-greedy as published)", (n, _, _) => new LossSignal(n)),
        new("das", "AlignPrune's Dynamic Alignment Score: Pearson of the last N losses with a trusted reference set's",
            (n, reference, options) => new AlignmentSignal(n, reference(), options.DasWindow), NeedsReference: true),
    ]);

    public static IReadOnlyList<string> Names => All.Names;
}
