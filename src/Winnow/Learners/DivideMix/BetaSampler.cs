namespace Winnow.Learners.DivideMix;

/// <summary>
/// Beta draws from a seeded <see cref="Random"/>, for MixUp's coefficient. TorchSharp's
/// distributions draw from torch's process-wide generator, which any model built in parallel
/// also draws from; a private <see cref="Random"/> keeps a seed's MixUp coefficients fixed.
/// Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); Gamma by Marsaglia and Tsang
/// (2000), with the boost Gamma(k) = Gamma(k + 1) · U^(1/k) for k &lt; 1.
/// </summary>
public sealed class BetaSampler
{
    private readonly Random random;

    public BetaSampler(int seed) => random = new Random(seed);

    public double Beta(double a, double b)
    {
        if (!(a > 0) || !(b > 0)) throw new ArgumentOutOfRangeException(nameof(a), "Beta parameters must be positive.");
        var x = Gamma(a);
        var y = Gamma(b);
        return x / (x + y);
    }

    public double Gamma(double shape)
    {
        if (!(shape > 0)) throw new ArgumentOutOfRangeException(nameof(shape), "The Gamma shape must be positive.");
        if (shape < 1)
        {
            var u = 1.0 - random.NextDouble();
            return Gamma(shape + 1) * Math.Pow(u, 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal();
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (u < 1 - 0.0331 * z * z * z * z) return d * v;
            if (Math.Log(u) < 0.5 * z * z + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>Standard normal by Box–Muller (one of the pair, so every call draws two uniforms).</summary>
    private double Normal()
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
