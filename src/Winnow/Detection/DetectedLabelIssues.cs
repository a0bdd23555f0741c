namespace Winnow.Detection;

/// <summary>
/// A detection run's confident learning: the out-of-sample probabilities it used (row-major
/// [N, K]; from <see cref="Folds"/>-fold cross-validation, or the user's file when null), what
/// confident learning estimated from them, and each sample's label quality under
/// <see cref="QualityMethod"/>.
/// </summary>
public sealed record DetectedLabelIssues(float[] Probabilities, int? Folds, LabelIssues Issues, LabelQualityMethod QualityMethod, double[] Quality)
{
    /// <summary>The cl score: larger = more likely wrongly labelled, as every detection score.</summary>
    public float[] Score() => Quality.Select(q => (float)(1 - q)).ToArray();
}
