namespace Winnow.Metrics;

/// <summary>
/// Average precision of a score for finding the positives: the mean, over the positives, of the
/// precision among all samples scoring at least as high (samples with equal scores enter
/// together, so a tie never favours a positive). NaN when there is no positive.
/// </summary>
public static class AveragePrecision
{
    public static double Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException("one label per score is needed");
        var total = positive.Count(p => p);
        if (total == 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double sum = 0;
        var seen = 0;
        var hits = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var groupHits = 0;
            for (var k = start; k <= end; k++) if (positive[order[k]]) groupHits++;
            seen += end - start + 1;
            hits += groupHits;
            sum += groupHits * (hits / (double)seen);
            start = end + 1;
        }
        return sum / total;
    }
}
