namespace Winnow.Data.Readers;

/// <summary>
/// One array read from an .npy file or an .npz entry: its dtype, its shape and its values in C
/// (row-major) order and this machine's byte order, whatever order the file kept them in.
/// <see cref="Data"/> is a typed .NET array (float[], byte[], long[], string[] …) so that a
/// float32 file of features needs no conversion at all.
/// </summary>
/// <param name="Source">How errors name the array: the file, or the archive and its entry.</param>
public sealed record NpyArray(string Source, NpyDtype Dtype, int[] Shape, Array Data)
{
    public int Rank => Shape.Length;

    /// <summary>The shape as NumPy prints it: (), (5,), (5, 3).</summary>
    public string ShapeText => FormatShape(Shape);

    public static string FormatShape(IReadOnlyList<int> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";

    /// <summary>The NumPy index, e.g. (3, 0, 2), of the value at <paramref name="flat"/> in C order.</summary>
    public string IndexText(long flat)
    {
        var index = new long[Shape.Length];
        for (var d = Shape.Length - 1; d >= 0; d--)
        {
            index[d] = Shape[d] == 0 ? 0 : flat % Shape[d];
            flat = Shape[d] == 0 ? 0 : flat / Shape[d];
        }
        return index.Length == 1 ? $"({index[0]},)" : $"({string.Join(", ", index)})";
    }
}
