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

public class Prune4RelMarginalGainTests
{
    /// <summary>Plain (non-lazy) greedy on the objective Σ_x tanh(NC_x/η), written the obvious way.</summary>
    private static int[] BruteForce(float[] embeddings, int d, float[] c, double fraction, double tau, double eta)
    {
        var n = c.Length;
        double Sim(int a, int b)
        {
            double dot = 0, na = 0, nb = 0;
            for (var k = 0; k < d; k++)
            {
                dot += embeddings[a * d + k] * embeddings[b * d + k];
                na += embeddings[a * d + k] * embeddings[a * d + k];
                nb += embeddings[b * d + k] * embeddings[b * d + k];
            }
            var s = 0.5 + 0.5 * dot / Math.Sqrt(na * nb);
            return s < tau ? 0 : s;
        }
        var nc = new double[n];
        var picked = new List<int>();
        var budget = KeptFraction.Count(n, fraction);
        while (picked.Count < budget)
        {
            var best = -1;
            var bestGain = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                if (picked.Contains(i)) continue;
                double gain = 0;
                for (var x = 0; x < n; x++) gain += Math.Tanh((nc[x] + Sim(x, i) * c[i]) / eta) - Math.Tanh(nc[x] / eta);
                if (gain > bestGain + 1e-9) { bestGain = gain; best = i; }
            }
            picked.Add(best);
            for (var x = 0; x < n; x++) nc[x] += Sim(x, best) * c[best];
        }
        return picked.Order().ToArray();
    }

    [Fact]
    public void LazyGreedyMatchesThePlainGreedyOnTheObjective()
    {
        var random = new Random(9);
        const int n = 40, d = 3;
        var embeddings = Enumerable.Range(0, n * d).Select(_ => (float)random.NextDouble()).ToArray();
        var confidence = Enumerable.Range(0, n).Select(_ => (float)(0.3 + 0.7 * random.NextDouble())).ToArray();
        var labels = new int[n];
        var lazy = Prune4RelSelector.SelectByMarginalGain(embeddings, d, confidence, labels, 0.25, tau: 0.9, eta: 1, balance: false, blockSize: 7);
        Assert.Equal(BruteForce(embeddings, d, confidence, 0.25, 0.9, 1), lazy);
    }

    [Fact]
    public void MarginalGainCountsTheNeighboursAPickCovers()
    {
        // a and b are near-duplicates, c is alone. The own-term greedy takes the most confident
        // (c); the full gain of a also covers b (tanh(0.5) + tanh(0.499) > tanh(0.6)), so a goes first.
        float[] embeddings = [1f, 0f, 1f, 0.01f, 0f, 1f];
        float[] confidence = [0.5f, 0.5f, 0.6f];
        Assert.Equal([2], Prune4RelSelector.Select(embeddings, 2, confidence, [0, 0, 0], 1 / 3.0, tau: 0.9, balance: false));
        Assert.Equal([0], Prune4RelSelector.SelectByMarginalGain(embeddings, 2, confidence, [0, 0, 0], 1 / 3.0, tau: 0.9, balance: false));
    }
}

public class Prune4RelBatchedGreedyTests
{
    /// <summary>The reference greedy written the obvious way: one NC update after every pick.</summary>
    private static int[] OneStepAtATime(float[] e, int d, float[] c, int[] labels, int budget, double tau, bool balance)
    {
        var n = c.Length;
        var unit = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            var norm = Math.Sqrt(Enumerable.Range(0, d).Sum(k => (double)e[i * d + k] * e[i * d + k]));
            for (var k = 0; k < d; k++) unit[i * d + k] = e[i * d + k] / norm;
        }
        var nc = new double[n];
        var taken = new bool[n];
        var classes = labels.Distinct().Order().ToArray();
        var picked = new List<int>();
        var turn = 0;
        while (picked.Count < budget)
        {
            var cls = classes[turn % classes.Length];
            turn++;
            var pool = Enumerable.Range(0, n).Where(i => !taken[i] && (!balance || labels[i] == cls)).ToArray();
            if (pool.Length == 0) continue;
            var best = pool.OrderByDescending(i => Math.Tanh(nc[i] + c[i]) - Math.Tanh(nc[i])).ThenBy(i => i).First();
            picked.Add(best);
            taken[best] = true;
            for (var x = 0; x < n; x++)
            {
                var sim = 0.5 + 0.5 * Enumerable.Range(0, d).Sum(k => unit[x * d + k] * unit[best * d + k]);
                if (sim >= tau) nc[x] += sim * c[best];
            }
        }
        return picked.Order().ToArray();
    }

    [Theory]
    [InlineData(true, 0.9)]
    [InlineData(false, 0.9)]
    [InlineData(true, 0.6)]
    public void BatchedPicksEqualOneUpdatePerPick(bool balance, double tau)
    {
        var random = new Random(11);
        const int n = 120, d = 3;
        var embeddings = Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var confidence = Enumerable.Range(0, n).Select(_ => (float)(0.2 + 0.8 * random.NextDouble())).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => i % 4).ToArray();
        var batched = Prune4RelSelector.Select(embeddings, d, confidence, labels, 0.4, tau, 1, balance, maxBatch: 16);
        Assert.Equal(OneStepAtATime(embeddings, d, confidence, labels, 48, tau, balance), batched);
    }
}
