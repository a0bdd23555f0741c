namespace Winnow;

/// <summary>
/// Proportional integer shares (largest-remainder method), used wherever a count is split over
/// classes: stratified subsets, held-out test splits, class-balanced selections.
/// </summary>
public static class Apportionment
{
    /// <summary>
    /// Splits <paramref name="budget"/> over groups in proportion to their sizes, by largest
    /// remainder (ties to the lower group), so the parts add up to the budget exactly and no
    /// group gets more than it holds.
    /// </summary>
    public static int[] Split(IReadOnlyList<int> sizes, int budget)
    {
        var total = sizes.Sum();
        var parts = new int[sizes.Count];
        if (total == 0) return parts;
        var remainders = new (double Remainder, int Group)[sizes.Count];
        for (var g = 0; g < sizes.Count; g++)
        {
            var exact = (double)budget * sizes[g] / total;
            parts[g] = Math.Min(sizes[g], (int)Math.Floor(exact));
            remainders[g] = (exact - parts[g], g);
        }
        var left = Math.Min(budget, total) - parts.Sum();
        foreach (var (_, g) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Group))
        {
            if (left == 0) break;
            if (parts[g] < sizes[g]) { parts[g]++; left--; }
        }
        return parts;
    }
}
