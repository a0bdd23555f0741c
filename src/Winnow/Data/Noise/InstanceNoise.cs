using static TorchSharp.torch;

namespace Winnow.Data.Noise;

/// <summary>
/// Instance-dependent noise (Xia et al., NeurIPS 2020, "Part-dependent label noise"): each
/// sample gets a flip rate q_i ~ N(r, 0.1²) truncated to [0, 1]; with W ~ N(0, 1) of shape
/// C×d×C and x_i the sample's normalised features, A = x_i·W[y_i], A[y_i] = −∞,
/// p = q_i·softmax(A), p[y_i] += 1 − q_i, and the new label is drawn from p. Both the chance
/// and the direction of a flip thus depend on the input.
/// </summary>
public static class InstanceNoise
{
    public const double FlipRateStd = 0.1;

    public static int[] Apply(Split train, DatasetKind kind, int classCount, double rate, int seed)
    {
        var random = new Random(seed);
        var n = train.Count;
        var d = train.SampleSize;
        var flipRates = Enumerable.Range(0, n).Select(_ => TruncatedNormal(random, rate, FlipRateStd)).ToArray();
        var weights = new float[classCount * d * classCount];
        for (var i = 0; i < weights.Length; i++) weights[i] = (float)StandardNormal(random);
        var features = Normalisation.Measure(train, kind).Apply(train);

        var noisy = (int[])train.Labels.Clone();
        using var scope = NewDisposeScope();
        var x = tensor(features, [n, d]);
        var w = tensor(weights, [classCount, d, classCount]);
        for (var c = 0; c < classCount; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => train.Labels[i] == c).ToArray();
            if (members.Length == 0) continue;
            using var rows = x.index_select(0, tensor(members.Select(i => (long)i).ToArray()));
            using var logits = rows.mm(w[c]).to_type(ScalarType.Float64);
            var scores = logits.data<double>().ToArray();
            for (var m = 0; m < members.Length; m++)
            {
                var i = members[m];
                var p = FlipDistribution(scores.AsSpan(m * classCount, classCount), c, flipRates[i]);
                noisy[i] = Draw(random, p);
            }
        }
        return noisy;
    }

    /// <summary>q·softmax(A with A[y] = −∞), plus 1 − q on y.</summary>
    internal static double[] FlipDistribution(ReadOnlySpan<double> scores, int label, double flipRate)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < scores.Length; k++) if (k != label) max = Math.Max(max, scores[k]);
        var p = new double[scores.Length];
        var sum = 0.0;
        for (var k = 0; k < scores.Length; k++)
        {
            p[k] = k == label ? 0 : Math.Exp(scores[k] - max);
            sum += p[k];
        }
        for (var k = 0; k < p.Length; k++) p[k] = flipRate * p[k] / sum;
        p[label] += 1 - flipRate;
        return p;
    }

    private static int Draw(Random random, double[] p)
    {
        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var k = 0; k < p.Length; k++)
        {
            cumulative += p[k];
            if (u < cumulative) return k;
        }
        return p.Length - 1;
    }

    private static double TruncatedNormal(Random random, double mean, double std)
    {
        while (true)
        {
            var value = mean + std * StandardNormal(random);
            if (value is >= 0 and <= 1) return value;
        }
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm's argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
