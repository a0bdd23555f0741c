using static TorchSharp.torch;

namespace Winnow.Data;

/// <summary>
/// The inputs of a stored split as a training set sees them: each batch's bytes read from the
/// store and normalised with the training split's statistics, value by value exactly as the
/// in-memory path normalises, so both paths give the same batches to the bit.
/// </summary>
public sealed class StoredSamples(Split split, Normalisation normalisation)
{
    private readonly Split _split = split.Store is not null ? split : throw new ArgumentException("the split is held in memory, not stored");

    public int Count => _split.Count;

    public int[] SampleShape => _split.SampleShape;

    /// <summary>A float tensor [rows, ...SampleShape] on the CPU.</summary>
    public Tensor Read(Tensor rows)
    {
        var indices = rows.data<long>().ToArray();
        var size = _split.SampleSize;
        var bytes = new byte[indices.Length * size];
        var storeRows = _split.StoreRows!;
        _split.Store!.Read(indices.Select(i => storeRows[i]).ToArray(), bytes);
        var values = new float[bytes.Length];
        normalisation.Apply(bytes, values, size);
        return tensor(values, [indices.Length, .. SampleShape.Select(d => (long)d)], ScalarType.Float32);
    }
}
