using Winnow.Scoring;

namespace Winnow.Tests.Scoring;

public class Prune4RelSelectorTests
{
    [Fact]
    public void GreedyPrefersAnUncoveredSampleOverANeighbourOfAPickedOne()
    {
        // a = (1,0), b ≈ a (cos 0.995 → sim 0.9975 ≥ τ), c = (0,1) (sim 0.5 < τ → 0).
        // Step 1 gains tanh(c_i): a 0.716 > b 0.664 > c 0.537 → a. NC_b = 0.9975·0.9 = 0.898.
        // Step 2: b gains tanh(1.698) − tanh(0.898) = 0.220, c gains tanh(0.6) = 0.537 → c.
        float[] embeddings = [1f, 0f, 1f, 0.1f, 0f, 1f];
        float[] confidence = [0.9f, 0.8f, 0.6f];
        var kept = Prune4RelSelector.Select(embeddings, 2, confidence, [0, 0, 0], fraction: 2 / 3.0, tau: 0.9, eta: 1, balance: false);
        Assert.Equal([0, 2], kept);
    }

    [Fact]
    public void WithoutNeighboursItKeepsTheMostConfident()
    {
        float[] embeddings = [1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f];
        float[] confidence = [0.3f, 0.9f, 0.6f];
        Assert.Equal([1, 2], Prune4RelSelector.Select(embeddings, 3, confidence, [0, 1, 2], 2 / 3.0, tau: 0.9, balance: false));
    }

    [Fact]
    public void BalanceTakesClassesInTurn()
    {
        // Class 0 is far more confident, but balance alternates: 2 of each class from 4 picks.
        var random = new Random(3);
        var embeddings = Enumerable.Range(0, 8 * 4).Select(_ => (float)random.NextDouble()).ToArray();
        float[] confidence = [0.99f, 0.98f, 0.97f, 0.96f, 0.1f, 0.2f, 0.3f, 0.15f];
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1];
        var kept = Prune4RelSelector.Select(embeddings, 4, confidence, labels, 0.5, tau: 0.9999, balance: true);
        Assert.Equal(2, kept.Count(i => labels[i] == 0));
        Assert.Equal(2, kept.Count(i => labels[i] == 1));
        Assert.Contains(6, kept); // the most confident of class 1
    }
}
