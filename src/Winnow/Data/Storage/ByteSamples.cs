namespace Winnow.Data.Storage;

/// <summary>
/// Samples kept as uint8 rows outside managed memory (a memory-mapped cache file), read a batch
/// at a time, so a training set larger than RAM streams from disk and is never decoded twice.
/// </summary>
public interface IByteSamples
{
    int Count { get; }

    /// <summary>The shape of one sample, [C, H, W].</summary>
    int[] SampleShape { get; }

    /// <summary>Copies the given samples' bytes, in that order, into <paramref name="destination"/> (rows × sample size).</summary>
    void Read(ReadOnlySpan<int> rows, Span<byte> destination);
}
