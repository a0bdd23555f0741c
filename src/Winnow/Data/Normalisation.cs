namespace Winnow.Data;

/// <summary>
/// Per-channel (images) or per-feature (tables) mean and standard deviation, measured on the
/// training split and applied to both splits, so no statistic of the test set leaks into
/// training. Images are first scaled to [0, 1].
/// </summary>
public sealed record Normalisation(float Scale, float[] Mean, float[] Std)
{
    /// <summary>Statistics of <paramref name="train"/>: per channel for [C, H, W] samples, per feature for [D].</summary>
    public static Normalisation Measure(Split train, DatasetKind kind)
    {
        var scale = kind == DatasetKind.Table ? 1f : 1f / 255f;
        var groups = train.SampleShape.Length == 3 ? train.SampleShape[0] : train.SampleSize;
        var perGroup = train.SampleSize / groups;
        var sum = new double[groups];
        var sumSq = new double[groups];
        for (var s = 0; s < train.Count; s++)
        {
            var offset = (long)s * train.SampleSize;
            for (var g = 0; g < groups; g++)
            {
                for (var k = 0; k < perGroup; k++)
                {
                    double v = train.Features[offset + g * perGroup + k] * scale;
                    sum[g] += v;
                    sumSq[g] += v * v;
                }
            }
        }
        var n = (double)train.Count * perGroup;
        var mean = new float[groups];
        var std = new float[groups];
        for (var g = 0; g < groups; g++)
        {
            var m = sum[g] / n;
            mean[g] = (float)m;
            var variance = Math.Max(sumSq[g] / n - m * m, 0);
            // A constant feature would divide by zero; leave it centred but unscaled.
            std[g] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }
        return new Normalisation(scale, mean, std);
    }

    /// <summary>A normalised copy of the split's features.</summary>
    public float[] Apply(Split split)
    {
        var groups = Mean.Length;
        var perGroup = split.SampleSize / groups;
        var result = new float[split.Features.Length];
        for (long i = 0; i < result.Length; i++)
        {
            var g = (int)(i % split.SampleSize / perGroup);
            result[i] = (split.Features[i] * Scale - Mean[g]) / Std[g];
        }
        return result;
    }
}
