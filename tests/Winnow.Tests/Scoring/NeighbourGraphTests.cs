using Winnow.Scoring;

namespace Winnow.Tests.Scoring;

public class NeighbourGraphTests
{
    [Fact]
    public void ARowListsItsTauNeighboursButNotItselfWithPrune4RelsSimilarity()
    {
        // a = (1,0), b = (1,0.1): cos 0.995 → sim 0.9975; c = (0,1): sim 0.5 with a, 0.5498 with b.
        float[] embeddings = [1f, 0f, 1f, 0.1f, 0f, 1f];
        var graph = NeighbourGraph.Build(embeddings, 2, tau: 0.9, maxNeighbours: 8, rowBlock: 2, columnBlock: 2);
        Assert.Equal([0L, 1, 2, 2], graph.Offsets);
        Assert.Equal([1, 0], graph.Neighbours);
        Assert.Equal(0.5 + 0.5 * (1 / Math.Sqrt(1.01)), graph.Similarities[0], 6);
        Assert.Equal(0, graph.RowsCapped);
        // τ 0.5: everything neighbours everything (cos ≥ 0).
        Assert.Equal(6, NeighbourGraph.Build(embeddings, 2, tau: 0.5, maxNeighbours: 8).Edges);
    }

    [Fact]
    public void ACappedRowKeepsItsMostSimilarNeighbours()
    {
        // Four points near (1,0): row 0 has three neighbours, capped to the two most similar (1 and 2).
        float[] embeddings = [1f, 0f, 1f, 0.01f, 1f, 0.02f, 1f, 0.2f];
        var graph = NeighbourGraph.Build(embeddings, 2, tau: 0.9, maxNeighbours: 2);
        Assert.Equal([1, 2], graph.Neighbours[(int)graph.Offsets[0]..(int)graph.Offsets[1]]);
        Assert.Equal(4, graph.RowsCapped);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(32)]
    public void PruningPairsByTheBoundLosesNoNeighbour(int boundDimensions)
    {
        // Half the points in tight clusters (many neighbours), half spread at random (almost none).
        var random = new Random(9);
        const int n = 1200, d = 96;
        var centres = Enumerable.Range(0, 20 * d).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var embeddings = new float[n * d];
        for (var i = 0; i < n; i++)
            for (var k = 0; k < d; k++)
                embeddings[i * d + k] = (float)(i % 2 == 0 ? centres[i % 20 * d + k] + 0.12 * (random.NextDouble() - 0.5) : random.NextDouble() * 2 - 1);
        var full = NeighbourGraph.Build(embeddings, d, 0.975, maxNeighbours: n, rowBlock: 300, columnBlock: 500, boundDimensions: d);
        var pruned = NeighbourGraph.Build(embeddings, d, 0.975, maxNeighbours: n, rowBlock: 300, columnBlock: 500, boundDimensions: boundDimensions);
        Assert.True(full.Edges > 5 * n, $"only {full.Edges} edges");
        Assert.Equal(full.Offsets, pruned.Offsets);
        Assert.Equal(full.Neighbours, pruned.Neighbours);
        // The same products up to float rounding (a row-wise dot against a matrix product).
        for (var e = 0; e < full.Edges; e++) Assert.InRange(Math.Abs(full.Similarities[e] - pruned.Similarities[e]), 0, 1e-6);
    }

    [Theory]
    [InlineData(true, 0.95)]
    [InlineData(false, 0.95)]
    [InlineData(true, 0.8)]
    public void TheSparseGreedyPicksWhatTheDenseOnePicksWhenTheCapCoversEveryNeighbour(bool balance, double tau)
    {
        // Clustered points, so that neighbourhoods are many and large; blocks smaller than N, so the build is blocked.
        var random = new Random(5);
        const int n = 1500, d = 8, clusters = 30;
        var centres = Enumerable.Range(0, clusters * d).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var embeddings = new float[n * d];
        for (var i = 0; i < n; i++)
            for (var k = 0; k < d; k++) embeddings[i * d + k] = (float)(centres[i % clusters * d + k] + 0.15 * (random.NextDouble() - 0.5));
        var confidence = Enumerable.Range(0, n).Select(_ => (float)(0.1 + 0.9 * random.NextDouble())).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => i % 7).ToArray();
        var graph = NeighbourGraph.Build(embeddings, d, tau, maxNeighbours: n, rowBlock: 256, columnBlock: 512);
        Assert.True(graph.Edges > 20 * n, $"only {graph.Edges} edges: the test would not exercise the updates");
        var dense = Prune4RelSelector.Select(embeddings, d, confidence, labels, 0.3, tau, 1, balance);
        Assert.Equal(dense, Prune4RelSelector.SelectSparse(graph, confidence, labels, 0.3, 1, balance));
        // A tight cap drops neighbours, and with them updates: the picks move.
        var capped = NeighbourGraph.Build(embeddings, d, tau, maxNeighbours: 2);
        Assert.NotEqual(dense, Prune4RelSelector.SelectSparse(capped, confidence, labels, 0.3, 1, balance));
    }
}
