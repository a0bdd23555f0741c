namespace Winnow.Scoring;

/// <summary>
/// Keeps the round(N·f) samples with the highest (or lowest) scores; with class balance, each
/// class (by training label) keeps the same fraction of its own samples (largest-remainder
/// apportioning so the total is still round(N·f)). Ties break by sample index, so a selection is
/// reproducible. Returns kept indices in ascending order.
/// </summary>
public static class RankSelector
{
    public static int[] Select(SampleScores scores, double fraction, IReadOnlyList<int>? labels = null, bool balance = false)
    {
        var budget = KeptFraction.Count(scores.Count, fraction);
        var priority = scores.KeepPriority();
        if (!balance)
            return Best(Enumerable.Range(0, scores.Count), priority, budget).Order().ToArray();

        if (labels is null || labels.Count != scores.Count) throw new ArgumentException("class balance needs one label per score");
        var classes = labels.Select((label, index) => (label, index)).GroupBy(p => p.label).OrderBy(g => g.Key)
            .Select(g => g.Select(p => p.index).ToArray()).ToArray();
        var quotas = KeptFraction.Apportion(classes.Select(c => c.Length).ToArray(), budget);
        return classes.SelectMany((members, c) => Best(members, priority, quotas[c])).Order().ToArray();
    }

    private static IEnumerable<int> Best(IEnumerable<int> candidates, float[] priority, int count) =>
        candidates.OrderByDescending(i => priority[i]).ThenBy(i => i).Take(count);
}
