namespace Winnow.Detection;

/// <summary>Precision, recall and F1 of flags against the truly wrong labels; each null where undefined (nothing flagged, nothing wrong).</summary>
public sealed record IssueFlagQuality(double? Precision, double? Recall, double? F1)
{
    /// <returns>Null when the wrong labels are unknown.</returns>
    public static IssueFlagQuality? Measure(bool[] flagged, bool[]? wrong)
    {
        if (wrong is null) return null;
        if (wrong.Length != flagged.Length) throw new ArgumentException("flags and truth differ in length");
        var hits = flagged.Where((f, i) => f && wrong[i]).Count();
        var flags = flagged.Count(f => f);
        var truth = wrong.Count(w => w);
        double? precision = flags > 0 ? hits / (double)flags : null;
        double? recall = truth > 0 ? hits / (double)truth : null;
        double? f1 = precision is { } p && recall is { } r ? (p + r > 0 ? 2 * p * r / (p + r) : 0) : null;
        return new IssueFlagQuality(precision, recall, f1);
    }
}
