namespace Winnow.Data;

/// <summary>
/// One split of a dataset as read from disk: row-major features (raw pixel values 0–255 for
/// images, numbers for tables), one label per sample, and the shape of a single sample
/// ([C, H, W] for images, [D] for tables). Plain arrays, so readers and noise are testable
/// without tensors.
/// </summary>
public sealed record Split(float[] Features, int[] Labels, int[] SampleShape)
{
    public int Count => Labels.Length;

    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    public Split Select(IReadOnlyList<int> indices)
    {
        var size = SampleSize;
        var features = new float[indices.Count * size];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Array.Copy(Features, (long)indices[i] * size, features, (long)i * size, size);
            labels[i] = Labels[indices[i]];
        }
        return new Split(features, labels, SampleShape);
    }
}
