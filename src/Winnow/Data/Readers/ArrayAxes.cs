namespace Winnow.Data.Readers;

/// <summary>
/// Reorders the axes of a C-order array (NumPy's <c>transpose</c>, materialised): Fortran-order
/// files become C order, and [N, H, W, C] images become the [N, C, H, W] that models take.
/// </summary>
internal static class ArrayAxes
{
    /// <summary>
    /// The C-order values of <paramref name="source"/> (C order, shape <paramref name="shape"/>)
    /// with its axes in the order <paramref name="axes"/>: result axis k is source axis axes[k].
    /// </summary>
    public static T[] Permute<T>(T[] source, int[] shape, int[] axes)
    {
        var rank = shape.Length;
        if (axes.Length != rank || !axes.Order().SequenceEqual(Enumerable.Range(0, rank)))
            throw new ArgumentException($"axes ({string.Join(", ", axes)}) are not a permutation of {rank} axes", nameof(axes));
        var result = new T[source.Length];
        if (rank == 0 || source.Length == 0) { Array.Copy(source, result, source.Length); return result; }

        var sourceStrides = new long[rank];
        long stride = 1;
        for (var d = rank - 1; d >= 0; d--) { sourceStrides[d] = stride; stride *= shape[d]; }
        var extent = axes.Select(a => shape[a]).ToArray();
        var step = axes.Select(a => sourceStrides[a]).ToArray();

        // Walk the result in order, one innermost row at a time; the source offset follows the
        // result's index, carried like an odometer across the outer axes.
        var inner = extent[rank - 1];
        var innerStep = step[rank - 1];
        var index = new int[rank];
        long offset = 0;
        for (long start = 0; start < result.LongLength; start += inner)
        {
            var from = offset;
            for (var i = 0; i < inner; i++, from += innerStep) result[start + i] = source[from];
            for (var d = rank - 2; d >= 0; d--)
            {
                offset += step[d];
                if (++index[d] < extent[d]) break;
                offset -= step[d] * extent[d];
                index[d] = 0;
            }
        }
        return result;
    }
}
