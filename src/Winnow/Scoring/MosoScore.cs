namespace Winnow.Scoring;

/// <summary>
/// MoSo's exact per-checkpoint score of a sample z in a set of n, from three numbers: ‖ḡ‖² (ḡ the
/// mean gradient over the set, z included), ⟨ḡ, g⟩ and ‖g‖² (g the gradient of z):
/// [(2n−3)·‖ḡ‖² − ‖g‖² + (2n−4)·⟨ḡ − g/n, g⟩] / (n−1)², as the reference scorer. Inside one set
/// it ranks as ⟨ḡ, g⟩ − 1.5·‖g‖²/n (the first-order form has 1×); the ‖ḡ‖² term is the same for
/// every sample of a set but not across MoSo's partitions, whose scores are compared together.
/// </summary>
public static class MosoScore
{
    /// <param name="n">Samples in the set (at least 2).</param>
    public static double Exact(int n, double meanSquared, double dot, double squared)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), "a MoSo score needs a set of at least 2 samples");
        var square = (n - 1.0) * (n - 1.0);
        return ((2.0 * n - 3) * meanSquared - squared + (2.0 * n - 4) * (dot - squared / n)) / square;
    }
}
