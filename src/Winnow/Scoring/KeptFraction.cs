namespace Winnow.Scoring;

/// <summary>The kept fraction f of a coreset and the kept count round(N·f) every selector honours.</summary>
public static class KeptFraction
{
    public static void Validate(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new WinnowException($"kept fraction {fraction} is outside (0, 1]");
    }

    /// <summary>round(N·f), at least 1, with halves rounded away from zero (so 0.5·5 keeps 3).</summary>
    public static int Count(int total, double fraction)
    {
        Validate(fraction);
        return Math.Clamp((int)Math.Round(total * fraction, MidpointRounding.AwayFromZero), 1, total);
    }

    /// <summary>Splits a budget over groups in proportion to their sizes; see <see cref="Apportionment.Split"/>.</summary>
    public static int[] Apportion(IReadOnlyList<int> sizes, int budget) => Apportionment.Split(sizes, budget);
}
