namespace Winnow.Detection;

/// <summary>Per-sample label quality scores (see <see cref="LabelQualityMethod"/>), as cleanlab computes them.</summary>
public static class LabelQuality
{
    /// <summary>cleanlab's lower clip for a probability and a ratio that is divided by.</summary>
    private const double Clip = 1e-6;

    /// <param name="probabilities">Row-major [N, K] out-of-sample predicted probabilities.</param>
    public static double[] Compute(LabelQualityMethod method, IReadOnlyList<int> labels, float[] probabilities, int classCount)
    {
        ConfidentLearning.Check(labels, probabilities, classCount);
        var scores = new double[labels.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var row = probabilities.AsSpan(i * classCount, classCount);
            var given = (double)row[labels[i]];
            scores[i] = method switch
            {
                LabelQualityMethod.SelfConfidence => given,
                LabelQualityMethod.NormalizedMargin => (given - MaxOther(row, labels[i]) + 1) / 2,
                LabelQualityMethod.ConfidenceWeightedEntropy => WeightedEntropy(row, given, classCount),
                _ => throw new ArgumentOutOfRangeException(nameof(method)),
            };
        }
        return scores;
    }

    private static double MaxOther(ReadOnlySpan<float> row, int label)
    {
        var max = double.NegativeInfinity;
        for (var j = 0; j < row.Length; j++)
            if (j != label && row[j] > max) max = row[j];
        return max;
    }

    private static double WeightedEntropy(ReadOnlySpan<float> row, double given, int classCount)
    {
        var entropy = 0.0;
        foreach (var p in row)
            if (p > 0) entropy -= p * Math.Log(p);
        entropy /= Math.Log(classCount);
        var ratio = entropy / Math.Max(given, Clip);
        return Math.Log(ratio + 1) / Math.Max(ratio, Clip);
    }
}
