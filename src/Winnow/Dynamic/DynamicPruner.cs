using Winnow.Training;

namespace Winnow.Dynamic;

/// <summary>
/// A planner that re-chooses the training subset every epoch from a per-sample value (the loss,
/// or DAS with AlignPrune). Subclasses decide which samples and weights; this base feeds them the
/// signal, adds the always-kept samples (trusted reference set) with weight 1, and keeps the
/// epoch's selection reproducible (seeded by epoch).
/// </summary>
public abstract class DynamicPruner : IEpochPlanner
{
    /// <param name="seed">The run's seed: each epoch's choice is seeded by it and the epoch.</param>
    protected DynamicPruner(int sampleCount, DynamicOptions options, int seed, ISampleSignal? signal)
    {
        options.Validate();
        SampleCount = sampleCount;
        Options = options;
        Seed = seed;
        Signal = signal ?? new LossSignal(sampleCount);
    }

    public abstract string Name { get; }

    public int SampleCount { get; }

    public DynamicOptions Options { get; }

    public int Seed { get; }

    public ISampleSignal Signal { get; }

    public EpochPlan Plan(int epoch, int epochs)
    {
        var random = new Random(Seeds.Derive(Seed, $"dynamic-{Name}", epoch));
        var (indices, weights) = Choose(epoch, epochs, random);
        if (Signal.AlwaysKept.Count == 0) return new EpochPlan(indices, weights);

        // Reference samples are trained on every epoch, at weight 1.
        var chosen = new Dictionary<int, float>(indices.Length + Signal.AlwaysKept.Count);
        for (var k = 0; k < indices.Length; k++) chosen[indices[k]] = weights?[k] ?? 1f;
        foreach (var i in Signal.AlwaysKept) chosen[i] = 1f;
        var all = chosen.Keys.Order().ToArray();
        return new EpochPlan(all, weights is null ? null : all.Select(i => chosen[i]).ToArray());
    }

    public void Observe(int epoch, EpochPlan plan, EpochResult result) => Absorb(epoch, Signal.Update(epoch, plan, result));

    /// <summary>For a training loop of your own: this epoch's plan, batches and loss bookkeeping.</summary>
    public PrunedEpoch BeginEpoch(int epoch, int epochs) =>
        new(this, epoch, Plan(epoch, epochs), Seeds.Derive(Seed, "pruned-epoch-shuffle", epoch));

    /// <summary>The epoch's samples (ascending) and their loss weights (null = all 1).</summary>
    protected abstract (int[] Indices, float[]? Weights) Choose(int epoch, int epochs, Random random);

    /// <summary>New per-sample values (NaN = unchanged) after an epoch.</summary>
    protected abstract void Absorb(int epoch, float[] values);

    /// <summary>round((1 − r)·N), at least 1: the per-epoch budget of the pruners that keep a fixed count.</summary>
    protected int KeptCount() => Math.Max(1, (int)Math.Round((1 - Options.PruneRatio) * SampleCount, MidpointRounding.AwayFromZero));

    /// <summary>Indices of the <paramref name="count"/> largest values, ties by lower index.</summary>
    protected static int[] Top(float[] values, int count, IEnumerable<int>? among = null) =>
        (among ?? Enumerable.Range(0, values.Length)).OrderByDescending(i => values[i]).ThenBy(i => i).Take(count).ToArray();
}
