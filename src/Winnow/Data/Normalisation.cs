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
        // In chunks, in sample order (a stored split streams): the sums are the same as over all at once.
        var size = train.SampleSize;
        train.ReadInChunks((_, count, raw) =>
        {
            for (var s = 0; s < count; s++)
            {
                var offset = s * size;
                for (var g = 0; g < groups; g++)
                {
                    for (var k = 0; k < perGroup; k++)
                    {
                        double v = raw[offset + g * perGroup + k] * scale;
                        sum[g] += v;
                        sumSq[g] += v * v;
                    }
                }
            }
        });
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

    /// <summary>Per channel (or feature), the normalised value of a raw 0: black, for images.</summary>
    public float[] ValueOfZero() => Mean.Select((m, g) => -m / Std[g]).ToArray();

    /// <summary>A normalised copy of the split's features.</summary>
    public float[] Apply(Split split)
    {
        var result = new float[split.Features.Length];
        Apply(split.Features, result, split.SampleSize);
        return result;
    }

    /// <summary>Normalises whole samples of <paramref name="sampleSize"/> bytes (a batch read from a store), exactly as <see cref="Apply(Split)"/> normalises their values.</summary>
    public void Apply(ReadOnlySpan<byte> raw, Span<float> destination, int sampleSize)
    {
        var perGroup = sampleSize / Mean.Length;
        for (var i = 0; i < raw.Length; i++)
        {
            var g = i % sampleSize / perGroup;
            destination[i] = ((float)raw[i] * Scale - Mean[g]) / Std[g];
        }
    }

    /// <summary>Normalises whole samples of <paramref name="sampleSize"/> values, exactly as <see cref="Apply(Split)"/> does.</summary>
    public void Apply(ReadOnlySpan<float> raw, Span<float> destination, int sampleSize)
    {
        var perGroup = sampleSize / Mean.Length;
        for (var i = 0; i < raw.Length; i++)
        {
            var g = (int)((long)i % sampleSize / perGroup);
            destination[i] = (raw[i] * Scale - Mean[g]) / Std[g];
        }
    }
}
