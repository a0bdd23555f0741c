using Winnow.Data;
using static TorchSharp.torch;

namespace Winnow.Tests.Support;

/// <summary>Small, fast, self-made data for tests: Gaussian blobs, one per class.</summary>
public static class Synthetic
{
    /// <summary>
    /// <paramref name="count"/> samples of dimension <paramref name="dimension"/> in
    /// <paramref name="classes"/> well-separated blobs (centres ±<paramref name="separation"/> on
    /// distinct axes, unit noise).
    /// </summary>
    public static SampleSet Blobs(int count, int classes = 3, int dimension = 8, float separation = 4f, int seed = 1, int[]? noisyLabels = null)
    {
        var random = new Random(seed);
        var features = new float[count * dimension];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % classes;
            labels[i] = label;
            for (var d = 0; d < dimension; d++)
            {
                var centre = d % classes == label ? separation : 0f;
                features[i * dimension + d] = centre + Gaussian(random);
            }
        }
        var inputs = tensor(features, new long[] { count, dimension });
        return new SampleSet(inputs, noisyLabels ?? labels, labels, classes);
    }

    /// <summary>
    /// <see cref="Blobs"/> (3 classes, 8 dimensions) whose labels are flipped to another class with
    /// probability <paramref name="rate"/>, drawn from a stream seeded by <paramref name="seed"/> + 100.
    /// </summary>
    public static SampleSet NoisyBlobs(int count, double rate, int seed)
    {
        const int classes = 3;
        using var clean = Blobs(count, classes, 8, seed: seed);
        var random = new Random(seed + 100);
        var noisy = clean.Labels.Select(y => random.NextDouble() < rate ? (y + 1 + random.Next(classes - 1)) % classes : y).ToArray();
        return Blobs(count, classes, 8, seed: seed, noisyLabels: noisy);
    }

    private static float Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
