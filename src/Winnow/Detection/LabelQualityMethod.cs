namespace Winnow.Detection;

/// <summary>
/// How good a given label looks under out-of-sample predicted probabilities, in [0, 1], lower
/// meaning more likely wrong (cleanlab's <c>get_label_quality_scores</c> methods).
/// </summary>
public enum LabelQualityMethod
{
    /// <summary>p(given label | x).</summary>
    SelfConfidence,
    /// <summary>(p(given) − max over other classes of p + 1) / 2.</summary>
    NormalizedMargin,
    /// <summary>log(1 + H/p(given)) / (H/p(given)), with H the entropy of p normalised by log K.</summary>
    ConfidenceWeightedEntropy,
}
