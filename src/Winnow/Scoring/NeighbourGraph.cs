using static TorchSharp.torch;

namespace Winnow.Scoring;

/// <summary>
/// The τ-neighbourhoods of unit embeddings as a sparse graph in CSR form: row i lists the samples
/// j ≠ i with similarity 0.5 + 0.5·cos(h_i, h_j) ≥ τ, at most <c>maxNeighbours</c> of them (the most
/// similar when a row has more; ties to the lower index), with their similarities. Built in blocks
/// of rows against blocks of columns with one matrix product each on the device, so memory is
/// O(N·K) plus one block, never N×N. This is Prune4ReL's similarity, once, for a greedy that
/// touches only a pick's neighbours.
/// <para>
/// Pairs that cannot reach τ are pruned exactly before the full product: in the basis of the
/// eigenvectors of XᵀX (most of every vector's length in the first coordinates), x·y ≤ x_m·y_m +
/// ‖x_rest‖·‖y_rest‖ by Cauchy–Schwarz, one product over m + 1 columns instead of d; only the pairs
/// whose bound reaches the threshold get their full d-dimensional product. For random 512-d unit
/// vectors and m = 64 the bound is about 0.88 ± 0.03 against a threshold of 0.95.
/// </para>
/// </summary>
public sealed class NeighbourGraph
{
    /// <summary>Row i's neighbours are <see cref="Neighbours"/>[Offsets[i] .. Offsets[i + 1]).</summary>
    public long[] Offsets { get; }

    public int[] Neighbours { get; }

    public float[] Similarities { get; }

    /// <summary>How many rows had more than the cap and were cut to it.</summary>
    public int RowsCapped { get; }

    public int Count => Offsets.Length - 1;

    public long Edges => Offsets[^1];

    private NeighbourGraph(long[] offsets, int[] neighbours, float[] similarities, int rowsCapped)
    {
        Offsets = offsets;
        Neighbours = neighbours;
        Similarities = similarities;
        RowsCapped = rowsCapped;
    }

    /// <summary>Coordinates the pruning bound keeps (m); with d ≤ m + 1 every pair is computed in full.</summary>
    public const int BoundDimensions = 64;

    /// <summary>Below this the bound counts a pair in: float rounding of a product of unit vectors is far smaller.</summary>
    private const float BoundSlack = 1e-4f;

    /// <summary>
    /// Rows and columns of one block of products: 8 MB, near the cache, measured fastest on 2 cores
    /// (60,000 random 512-d vectors: 1024 × 65536 blocks 8.8 s, 512 × 4096 about 4.5 s).
    /// </summary>
    public const int DefaultRowBlock = 512, DefaultColumnBlock = 4096;

    /// <summary>Candidate pairs whose full product is computed at once.</summary>
    private const int PairChunk = 65536;

    /// <param name="embeddings">N × dimension, row-major; normalised here.</param>
    /// <param name="rowBlock">Rows per block; with <paramref name="columnBlock"/> it sets the one block held at a time.</param>
    public static NeighbourGraph Build(float[] embeddings, int dimension, double tau, int maxNeighbours, Device? device = null,
        int rowBlock = DefaultRowBlock, int columnBlock = DefaultColumnBlock, IProgress<(long Done, long Total)>? progress = null, int boundDimensions = BoundDimensions)
    {
        if (dimension < 1 || embeddings.Length % dimension != 0) throw new ArgumentException("the embeddings are not N × dimension");
        using var scope = NewDisposeScope();
        var rows = ComputeDevice.To(tensor(embeddings, [embeddings.Length / dimension, dimension]), device ?? CPU);
        return Build(rows, tau, maxNeighbours, rowBlock, columnBlock, progress, boundDimensions, normaliseInPlace: true);
    }

    /// <param name="embeddings">N × d on the device the products run on.</param>
    /// <param name="normaliseInPlace">Normalise <paramref name="embeddings"/> itself instead of a copy (saves N·d floats at ImageNet scale).</param>
    public static NeighbourGraph Build(Tensor embeddings, double tau, int maxNeighbours, int rowBlock = DefaultRowBlock, int columnBlock = DefaultColumnBlock,
        IProgress<(long Done, long Total)>? progress = null, int boundDimensions = BoundDimensions, bool normaliseInPlace = false)
    {
        if (embeddings.dim() != 2) throw new ArgumentException("the embeddings are not N × dimension");
        if (tau is < 0 or > 1) throw new WinnowException($"Prune4ReL similarity threshold tau {tau} is outside [0, 1]");
        if (maxNeighbours < 1) throw new WinnowException($"the neighbour cap must be at least 1 (got {maxNeighbours})");
        var n = (int)embeddings.shape[0];
        var dimension = (int)embeddings.shape[1];
        using var scope = NewDisposeScope();
        var unit = normaliseInPlace
            ? embeddings.div_(embeddings.norm(1, keepdim: true).clamp_min(1e-12))
            : nn.functional.normalize(embeddings, p: 2, dim: 1);
        // sim ≥ τ ⇔ cos ≥ 2τ − 1: compare the raw products, and store the similarity as Prune4ReL defines it.
        var cosine = (float)(2 * tau - 1);
        var bounded = boundDimensions + 1 < dimension;
        var bound = bounded ? BoundColumns(unit, boundDimensions) : unit;
        var threshold = bounded ? cosine - BoundSlack : cosine;
        // Similarity is symmetric: each block of rows meets only the columns from its own first row
        // on, and a hit is listed in both rows. A row's list is cut back to its best K whenever it
        // doubles past K, which cannot drop a neighbour of the final best K.
        var lists = new List<(int Column, float Similarity)>?[n];
        var seen = new int[n];
        void Add(int row, int column, float similarity)
        {
            var list = lists[row] ??= [];
            list.Add((column, similarity));
            seen[row]++;
            if (list.Count > 2 * maxNeighbours) KeepBest(list, maxNeighbours);
        }
        // The block's products go into one buffer kept across blocks: a fresh block each time costs
        // the kernel's page faults on every write, more than the product itself.
        using var buffer = empty(Math.Min(rowBlock, n) * (long)Math.Min(columnBlock, n), dtype: bound.dtype, device: bound.device).DetachFromDisposeScope();
        for (var start = 0; start < n; start += rowBlock)
        {
            var size = Math.Min(rowBlock, n - start);
            using var block = NewDisposeScope();
            var left = bound.narrow(0, start, size);
            for (var column = start; column < n; column += columnBlock)
            {
                using var inner = NewDisposeScope();
                var width = Math.Min(columnBlock, n - column);
                var products = buffer.narrow(0, 0, size * (long)width).view(size, width).addmm_(left, bound.narrow(0, column, width).t(), beta: 0, alpha: 1);
                // One read of the block, no mask written, for the usual block without a candidate.
                if (products.max().item<float>() < threshold) continue;
                var mask = products.ge(threshold);
                // nonzero and masked_select both walk the block row-major: hit h is (pairs[2h], pairs[2h + 1]) with values[h].
                var hits = mask.nonzero();
                var pairs = hits.cpu().data<long>().ToArray();
                var values = bounded ? FullProducts(unit, hits, start, column) : products.masked_select(mask).cpu().data<float>().ToArray();
                for (var h = 0; h < values.Length; h++)
                {
                    var row = start + (int)pairs[2 * h];
                    var col = column + (int)pairs[2 * h + 1];
                    if (col <= row || values[h] < cosine) continue; // the block's lower triangle is the same pairs again
                    var similarity = 0.5f + 0.5f * values[h];
                    Add(row, col, similarity);
                    Add(col, row, similarity);
                }
            }
            progress?.Report((start + size, n));
        }
        var offsets = new long[n + 1];
        var capped = 0;
        for (var i = 0; i < n; i++)
        {
            if (lists[i] is { } list)
            {
                if (seen[i] > maxNeighbours) capped++;
                KeepBest(list, maxNeighbours);
                list.Sort((a, b) => a.Column.CompareTo(b.Column));
            }
            offsets[i + 1] = offsets[i] + (lists[i]?.Count ?? 0);
        }
        var flatNeighbours = new int[offsets[^1]];
        var flatSimilarities = new float[offsets[^1]];
        for (var i = 0; i < n; i++)
        {
            var at = offsets[i];
            foreach (var (column, similarity) in lists[i] ?? [])
            {
                flatNeighbours[at] = column;
                flatSimilarities[at++] = similarity;
            }
            lists[i] = null;
        }
        return new NeighbourGraph(offsets, flatNeighbours, flatSimilarities, capped);
    }

    /// <summary>Cuts a list to its <paramref name="k"/> most similar entries, ties to the lower column.</summary>
    private static void KeepBest(List<(int Column, float Similarity)> list, int k)
    {
        if (list.Count <= k) return;
        list.Sort((a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Column.CompareTo(b.Column));
        list.RemoveRange(k, list.Count - k);
    }

    /// <summary>[x_m, ‖x_rest‖] for every row, in the eigenbasis of XᵀX (largest first): products of these bound x·y from above.</summary>
    private static Tensor BoundColumns(Tensor unit, int m)
    {
        var (_, vectors) = linalg.eigh(unit.t().mm(unit));
        var basis = vectors.flip(1).narrow(1, 0, m); // eigh sorts ascending
        var head = unit.mm(basis);
        var rest = head.square().sum(1, keepdim: true).neg().add(1).clamp_min(0).sqrt();
        return cat([head, rest], 1).contiguous();
    }

    /// <summary>The full products of the candidate pairs (row, column) of a block, in chunks.</summary>
    private static float[] FullProducts(Tensor unit, Tensor hits, long rowStart, long columnStart)
    {
        var count = hits.shape[0];
        var products = new float[count];
        for (long from = 0; from < count; from += PairChunk)
        {
            using var chunk = NewDisposeScope();
            var part = hits.narrow(0, from, Math.Min(PairChunk, count - from));
            var a = unit.index_select(0, part[.., 0].add(rowStart));
            var b = unit.index_select(0, part[.., 1].add(columnStart));
            a.mul(b).sum(1).cpu().data<float>().CopyTo(products, (int)from);
        }
        return products;
    }
}
