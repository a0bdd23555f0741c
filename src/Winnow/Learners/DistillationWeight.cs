namespace Winnow.Learners;

/// <summary>
/// The automatic distillation weight α(f) for a kept fraction f. Ben-Baruch et al. find the best
/// α grows as the kept fraction shrinks. The points below are the best α of Winnow's own sweep
/// (random selection, Fashion-MNIST 20k, 40% symmetric noise, small CNN, 8 epochs, T = 4; α in
/// {0, 0.25, 0.5, 0.75, 1}; BENCHMARKS.md): 1 at f = 0.1, 0.75 at 0.3 and 0.5 (tied with 1 at 0.5;
/// the smaller is taken), 0 on the full data. They are joined linearly and held flat below 0.1,
/// so α never rises with f.
/// </summary>
public static class DistillationWeight
{
    private static readonly (double Fraction, double Alpha)[] Points = [(0.1, 1.0), (0.3, 0.75), (0.5, 0.75), (1.0, 0.0)];

    public static double Auto(double keptFraction)
    {
        if (!(keptFraction is > 0 and <= 1)) throw new WinnowException($"kept fraction must be in (0, 1] (got {keptFraction})");
        if (keptFraction <= Points[0].Fraction) return Points[0].Alpha;
        for (var k = 1; k < Points.Length; k++)
        {
            if (keptFraction <= Points[k].Fraction)
            {
                var (f0, a0) = Points[k - 1];
                var (f1, a1) = Points[k];
                return a0 + (a1 - a0) * (keptFraction - f0) / (f1 - f0);
            }
        }
        return Points[^1].Alpha;
    }
}
