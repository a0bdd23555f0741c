using Winnow.Data.Storage;

namespace Winnow.Data;

/// <summary>
/// One split of a dataset as read from disk: the samples' raw values (pixel values 0–255 for
/// images, numbers for tables), one label per sample, and the shape of a single sample
/// ([C, H, W] for images, [D] for tables). Either in memory — one row-major float array, so readers
/// and noise are testable without tensors — or stored: rows of a byte store (an image cache) read a
/// batch at a time, so a split larger than RAM is never held whole.
/// </summary>
public sealed class Split
{
    private float[]? _features;

    public Split(float[] features, int[] labels, int[] sampleShape)
    {
        _features = features;
        Labels = labels;
        SampleShape = sampleShape;
    }

    /// <param name="rows">Which samples of the store this split holds, in order.</param>
    public Split(IByteSamples store, int[] rows, int[] labels)
    {
        if (rows.Length != labels.Length) throw new ArgumentException($"{rows.Length} rows but {labels.Length} labels");
        Store = store;
        StoreRows = rows;
        Labels = labels;
        SampleShape = store.SampleShape;
    }

    public int[] Labels { get; }

    public int[] SampleShape { get; }

    /// <summary>The byte store of a stored split (null in memory), and which of its samples the split holds.</summary>
    public IByteSamples? Store { get; }
    public int[]? StoreRows { get; }

    /// <summary>Each sample's file (image folders: relative to the split's folder); null where samples have none.</summary>
    public string[]? Paths { get; init; }

    public int Count => Labels.Length;

    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);

    /// <summary>
    /// Every sample's raw values, row-major. A stored split reads them all into memory here
    /// (N × sample size floats), which only what needs every sample at once does (instance noise).
    /// </summary>
    public float[] Features => _features ??= ReadAll();

    /// <summary>The raw values of samples <paramref name="start"/>..start+count−1 into <paramref name="destination"/>.</summary>
    public void CopyRaw(int start, int count, Span<float> destination)
    {
        var size = SampleSize;
        if (Store is null)
        {
            _features.AsSpan(start * size, count * size).CopyTo(destination);
            return;
        }
        var bytes = new byte[count * size];
        Store.Read(StoreRows.AsSpan(start, count), bytes);
        for (var i = 0; i < bytes.Length; i++) destination[i] = bytes[i];
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (a stored split stays stored).</summary>
    public Split Select(IReadOnlyList<int> indices)
    {
        var labels = indices.Select(i => Labels[i]).ToArray();
        var paths = Paths is null ? null : indices.Select(i => Paths[i]).ToArray();
        if (Store is not null) return new Split(Store, indices.Select(i => StoreRows![i]).ToArray(), labels) { Paths = paths };
        var size = SampleSize;
        var features = new float[indices.Count * size];
        for (var i = 0; i < indices.Count; i++) Array.Copy(_features!, (long)indices[i] * size, features, (long)i * size, size);
        return new Split(features, labels, SampleShape) { Paths = paths };
    }

    /// <summary>What <see cref="ReadInChunks"/> hands over: samples start..start+count−1, their raw values row-major.</summary>
    public delegate void ChunkReader(int start, int count, ReadOnlySpan<float> values);

    /// <summary>
    /// Every sample's raw values, a chunk of samples at a time and in order: a stored split streams
    /// (one chunk in memory), and whatever is summed or hashed over the chunks comes out as over all at once.
    /// </summary>
    public void ReadInChunks(ChunkReader read, int chunk = 256)
    {
        var buffer = new float[Math.Min(chunk, Math.Max(Count, 1)) * SampleSize];
        for (var start = 0; start < Count; start += chunk)
        {
            var count = Math.Min(chunk, Count - start);
            CopyRaw(start, count, buffer);
            read(start, count, buffer.AsSpan(0, count * SampleSize));
        }
    }

    private float[] ReadAll()
    {
        var all = new float[(long)Count * SampleSize];
        var size = SampleSize;
        ReadInChunks((start, _, values) => values.CopyTo(all.AsSpan(start * size)));
        return all;
    }
}
