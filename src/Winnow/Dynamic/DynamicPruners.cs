namespace Winnow.Dynamic;

/// <param name="seed">The run's seed: each epoch's random choices derive from it.</param>
/// <param name="signal">The ranking value (null: the loss).</param>
public delegate DynamicPruner PrunerFactory(int sampleCount, DynamicOptions options, int seed, ISampleSignal? signal);

public sealed record PrunerEntry(string Name, string Description, PrunerFactory Create) : IRegistered;

/// <summary>The dynamic pruners by the name <c>--dynamic</c> takes.</summary>
public static class DynamicPruners
{
    public static Registry<PrunerEntry> All { get; } = new("dynamic pruner",
    [
        new("uniform", "a fresh uniformly random (1 − r) of the samples every epoch (Raju et al. 2021)",
            (n, o, seed, s) => new UniformPruner(n, o, seed, s)),
        new("infobatch", "drop r of the below-mean samples, upweight the rest of them, anneal to full data (Qin et al. 2024)",
            (n, o, seed, s) => new InfoBatchPruner(n, o, seed, s)),
        new("ucb", "keep the top (1 − r) by running mean + c·variance (Raju et al. 2021)",
            (n, o, seed, s) => new UcbPruner(n, o, seed, s)),
        new("epsilon-greedy", "keep the top (1 − ε) of the budget by running mean, ε of it at random (Raju et al. 2021)",
            (n, o, seed, s) => new EpsilonGreedyPruner(n, o, seed, s)),
    ]);

    public static IReadOnlyList<string> Names => All.Names;

    public static DynamicPruner Create(string name, int sampleCount, DynamicOptions options, int seed, ISampleSignal? signal = null)
    {
        options.Validate();
        return All[name].Create(sampleCount, options, seed, signal);
    }
}
