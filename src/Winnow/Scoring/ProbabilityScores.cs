namespace Winnow.Scoring;

/// <summary>
/// Scores computed from one model's softmax outputs p (row-major [N, C]) and the training labels y.
/// All are plain functions so each formula is tested on hand-made numbers.
/// </summary>
public static class ProbabilityScores
{
    /// <summary>EL2N (Paul et al. 2021): ‖p − onehot(y)‖₂. Large = hard or mislabeled.</summary>
    public static float[] El2n(ReadOnlySpan<float> probabilities, IReadOnlyList<int> labels, int classes)
    {
        var scores = new float[labels.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < classes; c++)
            {
                var d = probabilities[i * classes + c] - (c == labels[i] ? 1.0 : 0.0);
                sum += d * d;
            }
            scores[i] = (float)Math.Sqrt(sum);
        }
        return scores;
    }

    /// <summary>Cross-entropy −log p_y (SmallLoss keeps the smallest).</summary>
    public static float[] Loss(ReadOnlySpan<float> probabilities, IReadOnlyList<int> labels, int classes)
    {
        var scores = new float[labels.Count];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = (float)-Math.Log(Math.Max(probabilities[i * classes + labels[i]], 1e-12));
        return scores;
    }

    /// <summary>Margin uncertainty: p_top1 − p_top2 (label-free). Small = uncertain.</summary>
    public static float[] Margin(ReadOnlySpan<float> probabilities, int count, int classes)
    {
        var scores = new float[count];
        for (var i = 0; i < count; i++)
        {
            float first = float.NegativeInfinity, second = float.NegativeInfinity;
            for (var c = 0; c < classes; c++)
            {
                var p = probabilities[i * classes + c];
                if (p > first) { second = first; first = p; }
                else if (p > second) second = p;
            }
            scores[i] = first - second;
        }
        return scores;
    }

    /// <summary>Max softmax probability (LeastConfidence keeps the smallest; DeepCore's raw-logit version is a quirk not copied).</summary>
    public static float[] MaxProbability(ReadOnlySpan<float> probabilities, int count, int classes)
    {
        var scores = new float[count];
        for (var i = 0; i < count; i++)
        {
            var best = float.NegativeInfinity;
            for (var c = 0; c < classes; c++) best = Math.Max(best, probabilities[i * classes + c]);
            scores[i] = best;
        }
        return scores;
    }

    /// <summary>Predictive entropy −Σ p log p (natural log). Large = uncertain.</summary>
    public static float[] Entropy(ReadOnlySpan<float> probabilities, int count, int classes)
    {
        var scores = new float[count];
        for (var i = 0; i < count; i++)
        {
            var h = 0.0;
            for (var c = 0; c < classes; c++)
            {
                var p = probabilities[i * classes + c];
                if (p > 0) h -= p * Math.Log(p);
            }
            scores[i] = (float)h;
        }
        return scores;
    }
}
