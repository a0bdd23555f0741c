namespace Winnow.Dynamic;

/// <summary>
/// The Dynamic Alignment Score of AlignPrune: the Pearson correlation between a sample's recent
/// loss trajectory and the mean trajectory of a trusted reference set, taken over the same epochs.
/// High = the sample learns like clean data; low or negative = likely mislabeled.
/// </summary>
public static class AlignmentScore
{
    /// <summary>
    /// Pearson r of two equally long series. A series with no variance carries no shape to
    /// compare: it scores 0 (neutral) instead of NaN.
    /// </summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("series differ in length");
        var n = x.Count;
        if (n < 2) return 0;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        const double tiny = 1e-12;
        if (sxx <= tiny || syy <= tiny) return 0;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }
}
