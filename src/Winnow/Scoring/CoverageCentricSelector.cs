namespace Winnow.Scoring;

/// <summary>
/// Coverage-centric coreset selection (CCS, Zheng et al. ICLR 2023). First drop the hardest
/// <c>misRatio</c> fraction (reference: 0.3 for CIFAR-10 at 90% pruning), then split the range of
/// the remaining hardness scores into <c>strata</c> equal-width bins (reference: 50), give budgets
/// to the bins in order of increasing size — each min(size, ⌊remaining budget / remaining
/// bins⌋) — and sample uniformly (seeded) inside each bin. The budget is round(N·f) of the
/// whole set; if fewer samples survive the drop, all of them are kept.
/// </summary>
public static class CoverageCentricSelector
{
    /// <param name="hardness">Larger = harder (EL2N, forgetting; pass −AUM for AUM).</param>
    public static int[] Select(IReadOnlyList<float> hardness, double fraction, double misRatio = 0.3, int strata = 50, int seed = 0) =>
        SelectCount(hardness, KeptFraction.Count(hardness.Count, fraction), misRatio, strata, seed);

    /// <summary>The same with the budget given as a count (a class's share under class balance).</summary>
    public static int[] SelectCount(IReadOnlyList<float> hardness, int budget, double misRatio = 0.3, int strata = 50, int seed = 0)
    {
        if (misRatio is < 0 or >= 1) throw new WinnowException($"CCS mis-ratio {misRatio} is outside [0, 1)");
        if (strata < 1) throw new WinnowException($"CCS needs at least one stratum (got {strata})");
        if (budget == 0 || hardness.Count == 0) return [];
        var dropped = (int)Math.Round(hardness.Count * misRatio, MidpointRounding.AwayFromZero);
        var remaining = Enumerable.Range(0, hardness.Count).OrderByDescending(i => hardness[i]).ThenBy(i => i).Skip(dropped).ToArray();
        if (remaining.Length <= budget) return remaining.Order().ToArray();

        var bins = Stratify(remaining, hardness, strata);
        var budgets = Budgets(bins.Select(b => b.Count).ToArray(), budget);
        var random = new Random(seed);
        var kept = new List<int>(budget);
        for (var b = 0; b < bins.Length; b++)
        {
            var members = bins[b].ToArray();
            random.Shuffle(members);
            kept.AddRange(members.Take(budgets[b]));
        }
        return kept.Order().ToArray();
    }

    /// <summary>Equal-width bins over [min, max] of the samples' hardness; the maximum falls in the last bin.</summary>
    internal static List<int>[] Stratify(IReadOnlyList<int> samples, IReadOnlyList<float> hardness, int strata)
    {
        var low = samples.Min(i => hardness[i]);
        var high = samples.Max(i => hardness[i]);
        var width = (high - low) / strata;
        var bins = Enumerable.Range(0, strata).Select(_ => new List<int>()).ToArray();
        foreach (var i in samples)
        {
            var bin = width > 0 ? (int)((hardness[i] - low) / width) : 0;
            bins[Math.Min(bin, strata - 1)].Add(i);
        }
        return bins;
    }

    /// <summary>Budgets per bin: bins visited from smallest to largest, each taking min(size, ⌊left / bins left⌋).</summary>
    internal static int[] Budgets(IReadOnlyList<int> sizes, int budget)
    {
        var result = new int[sizes.Count];
        var order = Enumerable.Range(0, sizes.Count).OrderBy(b => sizes[b]).ThenBy(b => b).ToArray();
        var left = budget;
        for (var k = 0; k < order.Length; k++)
        {
            var b = order[k];
            result[b] = Math.Min(sizes[b], left / (order.Length - k));
            left -= result[b];
        }
        return result;
    }
}
