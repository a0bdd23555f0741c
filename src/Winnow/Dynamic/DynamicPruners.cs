namespace Winnow.Dynamic;

/// <summary>The dynamic pruners by the name the command line takes (`--dynamic NAME`).</summary>
public static class DynamicPruners
{
    public sealed record Entry(string Name, string Description);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("none", "plain training on all samples every epoch"),
        new("uniform", "a fresh uniformly random (1 − r) of the samples every epoch (Raju et al. 2021)"),
        new("infobatch", "drop r of the below-mean samples, upweight the rest of them, anneal to full data (Qin et al. 2024)"),
        new("ucb", "keep the top (1 − r) by running mean + c·variance (Raju et al. 2021)"),
        new("epsilon-greedy", "keep the top (1 − ε) of the budget by running mean, ε of it at random (Raju et al. 2021)"),
    ];

    public static IReadOnlyList<string> Names => All.Select(p => p.Name).ToArray();

    /// <summary>The pruner, or null for "none".</summary>
    /// <param name="signal">The ranking value (null: the loss; an <see cref="AlignmentSignal"/> for AlignPrune).</param>
    /// <param name="reweight">InfoBatch only: upweight the kept below-mean samples by 1/(1 − r).</param>
    public static DynamicPruner? Create(string name, int sampleCount, DynamicOptions options, ISampleSignal? signal = null, bool reweight = true) =>
        name.Trim().ToLowerInvariant() switch
        {
            "none" => null,
            "uniform" => new UniformPruner(sampleCount, options, signal),
            "infobatch" => new InfoBatchPruner(sampleCount, options, signal, reweight),
            "ucb" => new UcbPruner(sampleCount, options, signal),
            "epsilon-greedy" => new EpsilonGreedyPruner(sampleCount, options, signal),
            _ => throw new WinnowException($"unknown dynamic pruner '{name}'; known: {string.Join(", ", Names)}"),
        };
}
