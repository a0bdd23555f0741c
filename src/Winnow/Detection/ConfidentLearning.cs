namespace Winnow.Detection;

/// <summary>
/// Confident learning (Northcutt, Jiang &amp; Chuang, "Confident Learning: Estimating Uncertainty
/// in Dataset Labels", JAIR 2021) with cleanlab's conventions, from out-of-sample predicted
/// probabilities and the given labels:
/// per-class thresholds t_k = mean p_k over the samples labelled k (2, never reached, for a class
/// no sample has; at least 2e-6); the confident joint C[given i, true j] counts each sample whose
/// p_j ≥ t_j − 1e-6 for some j under (given, the arg-max of p when several classes pass, else the
/// one that passes), samples passing none are left out; its diagonal is at least 1; calibrated
/// so each row sums to that class's label count and the whole to N, rows rounded preserving their
/// totals. The joint is the calibrated counts over N. Label issues follow <see cref="IssueFilter"/>,
/// and a sample whose given label is the arg-max (with 1e-6 added to the given label) is never one.
/// Ties: the first class wins an arg-max; equal margins or probabilities are taken in sample order
/// (cleanlab sorts with numpy's unstable quicksort, so it has no defined order there).
/// </summary>
public static class ConfidentLearning
{
    private const double Tolerance = 1e-6;
    private const double ThresholdFloor = 2 * Tolerance;
    private const double NeverReached = 2;

    /// <param name="labels">The given label of every sample, in 0..K−1.</param>
    /// <param name="probabilities">Row-major [N, K] out-of-sample predicted probabilities.</param>
    public static LabelIssues Find(IReadOnlyList<int> labels, float[] probabilities, int classCount, IssueFilter filter = IssueFilter.PruneByNoiseRate)
    {
        Check(labels, probabilities, classCount);
        var thresholds = Thresholds(labels, probabilities, classCount);
        var confident = ConfidentJoint(labels, probabilities, classCount, thresholds);
        var counts = LabelCounts(labels, classCount);
        var calibrated = Calibrate(confident, counts);
        var issues = Issues(labels, probabilities, classCount, calibrated, filter);
        var suggested = new int[labels.Count];
        for (var i = 0; i < suggested.Length; i++) suggested[i] = ArgMax(probabilities.AsSpan(i * classCount, classCount));
        return new LabelIssues(thresholds, confident, calibrated, issues, suggested);
    }

    /// <summary>t_k: the mean predicted probability of class k over the samples labelled k.</summary>
    public static double[] Thresholds(IReadOnlyList<int> labels, float[] probabilities, int classCount)
    {
        var sum = new double[classCount];
        var count = new int[classCount];
        for (var i = 0; i < labels.Count; i++)
        {
            sum[labels[i]] += probabilities[i * classCount + labels[i]];
            count[labels[i]]++;
        }
        return Enumerable.Range(0, classCount).Select(k => Math.Max(count[k] > 0 ? sum[k] / count[k] : NeverReached, ThresholdFloor)).ToArray();
    }

    /// <summary>The confident joint before calibration, rows the given label, columns the guessed true label, diagonal at least 1.</summary>
    public static int[,] ConfidentJoint(IReadOnlyList<int> labels, float[] probabilities, int classCount, double[] thresholds)
    {
        var joint = new int[classCount, classCount];
        for (var i = 0; i < labels.Count; i++)
        {
            var row = probabilities.AsSpan(i * classCount, classCount);
            var passing = 0;
            var firstPassing = -1;
            for (var j = 0; j < classCount; j++)
            {
                if (!(row[j] >= thresholds[j] - Tolerance)) continue;
                passing++;
                if (firstPassing < 0) firstPassing = j;
            }
            if (passing == 0) continue;
            joint[labels[i], passing > 1 ? ArgMax(row) : firstPassing]++;
        }
        for (var k = 0; k < classCount; k++) joint[k, k] = Math.Max(joint[k, k], 1);
        return joint;
    }

    /// <summary>Rows scaled to the label counts, the whole to their sum, each row rounded keeping its total.</summary>
    public static int[,] Calibrate(int[,] confidentJoint, int[] labelCounts)
    {
        var k = labelCounts.Length;
        var scaled = new double[k, k];
        var total = 0.0;
        for (var i = 0; i < k; i++)
        {
            var rowSum = 0.0;
            for (var j = 0; j < k; j++) rowSum += confidentJoint[i, j];
            for (var j = 0; j < k; j++)
            {
                scaled[i, j] = confidentJoint[i, j] / Math.Max(rowSum, 1e-100) * labelCounts[i];
                total += scaled[i, j];
            }
        }
        var factor = labelCounts.Sum() / Math.Max(total, 1e-100);
        var result = new int[k, k];
        for (var i = 0; i < k; i++)
        {
            var row = Enumerable.Range(0, k).Select(j => scaled[i, j] * factor).ToArray();
            var rounded = RoundPreservingSum(row);
            for (var j = 0; j < k; j++) result[i, j] = rounded[j];
        }
        return result;
    }

    /// <summary>
    /// Rounds each value (half to even, as numpy) and then moves the largest rounding errors by one
    /// until the integers sum to the rounded total (cleanlab's round_preserving_sum).
    /// </summary>
    public static int[] RoundPreservingSum(double[] values)
    {
        var ints = values.Select(v => Math.Round(v, MidpointRounding.ToEven)).ToArray();
        var target = Math.Round(values.Sum(), MidpointRounding.ToEven);
        var sum = Math.Round(ints.Sum(), MidpointRounding.ToEven);
        while (Math.Abs(sum - target) > Tolerance)
        {
            var difference = Math.Round(target - sum, MidpointRounding.ToEven);
            var increment = difference < 0 ? -1 : 1;
            var changes = Math.Min((int)Math.Abs(difference), values.Length);
            // Ascending by rounding error (stable); raising takes them from the largest down.
            var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i] - ints[i]).ToArray();
            if (increment > 0) Array.Reverse(order);
            foreach (var i in order.Take(changes)) ints[i] += increment;
            sum = Math.Round(ints.Sum(), MidpointRounding.ToEven);
        }
        return ints.Select(v => (int)v).ToArray();
    }

    private static bool[] Issues(IReadOnlyList<int> labels, float[] probabilities, int classCount, int[,] calibrated, IssueFilter filter)
    {
        var prune = PruneCounts(calibrated, classCount);
        var byClass = filter is IssueFilter.PruneByClass or IssueFilter.Both ? PruneByClass(labels, probabilities, classCount, prune) : null;
        var byRate = filter is IssueFilter.PruneByNoiseRate or IssueFilter.Both ? PruneByNoiseRate(labels, probabilities, classCount, prune) : null;
        var issues = new bool[labels.Count];
        for (var i = 0; i < issues.Length; i++)
        {
            issues[i] = (byClass?[i] ?? true) && (byRate?[i] ?? true);
            // The model agrees with the given label (ties resolved for it): not an issue.
            if (issues[i] && GivenIsArgMax(probabilities.AsSpan(i * classCount, classCount), labels[i])) issues[i] = false;
        }
        return issues;
    }

    /// <summary>
    /// cleanlab's prune count matrix: the calibrated joint transposed (rows true, columns given),
    /// every diagonal raised to at least 1 by taking the difference evenly from that column's
    /// non-zero noise cells (never below 0), truncated to integers.
    /// </summary>
    private static int[,] PruneCounts(int[,] calibrated, int k)
    {
        var m = new double[k, k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++) m[i, j] = calibrated[j, i];
        var raised = new double[k];
        var shortfall = new double[k];
        var cells = new double[k];
        for (var j = 0; j < k; j++)
        {
            raised[j] = Math.Max(m[j, j], 1);
            shortfall[j] = raised[j] - m[j, j];
            var nonZero = 0;
            for (var i = 0; i < k; i++) if (m[i, j] != 0) nonZero++;
            cells[j] = Math.Max(nonZero - 1.0, 1.0);
        }
        var result = new int[k, k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
                result[i, j] = i == j ? (int)raised[j] : (int)Math.Max(m[i, j] - shortfall[j] / cells[j], 0);
        return result;
    }

    /// <summary>Per given class k: the samples labelled k whose p_j − p_k is largest, prune[j, k] of them for every j ≠ k.</summary>
    private static bool[] PruneByNoiseRate(IReadOnlyList<int> labels, float[] probabilities, int classCount, int[,] prune)
    {
        var issues = new bool[labels.Count];
        foreach (var (k, members) in Members(labels, classCount))
        {
            if (members.Length <= 1) continue;
            for (var j = 0; j < classCount; j++)
            {
                if (j == k || prune[j, k] <= 0) continue;
                var ranked = members.OrderByDescending(i => probabilities[i * classCount + j] - probabilities[i * classCount + k]);
                foreach (var i in ranked.Take(prune[j, k])) issues[i] = true;
            }
        }
        return issues;
    }

    /// <summary>Per given class k: its count minus prune[k, k] samples labelled k with the lowest p_k.</summary>
    private static bool[] PruneByClass(IReadOnlyList<int> labels, float[] probabilities, int classCount, int[,] prune)
    {
        var issues = new bool[labels.Count];
        foreach (var (k, members) in Members(labels, classCount))
        {
            if (members.Length <= 1) continue;
            var count = members.Length - prune[k, k];
            foreach (var i in members.OrderBy(i => probabilities[i * classCount + k]).Take(Math.Max(count, 0))) issues[i] = true;
        }
        return issues;
    }

    private static IEnumerable<(int Class, int[] Members)> Members(IReadOnlyList<int> labels, int classCount) =>
        Enumerable.Range(0, classCount).Select(k => (k, Enumerable.Range(0, labels.Count).Where(i => labels[i] == k).ToArray()));

    private static bool GivenIsArgMax(ReadOnlySpan<float> row, int label)
    {
        var given = row[label] + Tolerance;
        for (var j = 0; j < row.Length; j++)
            if (j != label && row[j] > given) return false;
        // A class before the given one with exactly its raised value would win numpy's arg-max.
        for (var j = 0; j < label; j++)
            if (row[j] == given) return false;
        return true;
    }

    internal static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var j = 1; j < row.Length; j++)
            if (row[j] > row[best]) best = j;
        return best;
    }

    internal static int[] LabelCounts(IReadOnlyList<int> labels, int classCount)
    {
        var counts = new int[classCount];
        foreach (var label in labels) counts[label]++;
        return counts;
    }

    internal static void Check(IReadOnlyList<int> labels, float[] probabilities, int classCount)
    {
        if (classCount < 2) throw new WinnowException($"label issues need at least 2 classes (got {classCount})");
        if (probabilities.Length != (long)labels.Count * classCount)
            throw new WinnowException($"the predicted probabilities hold {probabilities.Length} values but {labels.Count} samples × {classCount} classes need {(long)labels.Count * classCount}");
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] < 0 || labels[i] >= classCount)
                throw new WinnowException($"sample {i} has label {labels[i]}, outside 0..{classCount - 1}");
        for (var v = 0; v < probabilities.Length; v++)
            if (!(probabilities[v] >= 0 && probabilities[v] <= 1))
                throw new WinnowException($"predicted probability {probabilities[v]} of sample {v / classCount}, class {v % classCount}, is not in [0, 1]");
    }
}
