namespace Winnow.Data.Noise;

/// <summary>
/// Symmetric noise: exactly round(r·N) samples, chosen uniformly, get a uniformly random
/// <em>other</em> class, so the true flip rate is r (not the DivideMix variant, which may
/// redraw the true class and flips only r(1 − 1/C)).
/// </summary>
public static class SymmetricNoise
{
    public static int[] Apply(int[] clean, int classCount, double rate, int seed)
    {
        var noisy = (int[])clean.Clone();
        var random = new Random(seed);
        var order = Enumerable.Range(0, clean.Length).ToArray();
        random.Shuffle(order);
        var flips = (int)Math.Round(rate * clean.Length, MidpointRounding.AwayFromZero);
        foreach (var i in order.Take(flips))
            noisy[i] = (clean[i] + 1 + random.Next(classCount - 1)) % classCount;
        return noisy;
    }
}
