namespace Winnow.Metrics;

/// <summary>
/// Area under the ROC curve of a score for telling positives from negatives: the probability
/// that a random positive scores above a random negative, ties counting one half
/// (Mann–Whitney U with mid-ranks). NaN when either class is empty.
/// </summary>
public static class Auroc
{
    public static double Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException("one label per score is needed");
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var midRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (var k = start; k <= end; k++)
            {
                if (!positive[order[k]]) continue;
                positiveRankSum += midRank;
                positives++;
            }
            start = end + 1;
        }
        long negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
