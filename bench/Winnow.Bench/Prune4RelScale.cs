using System.Diagnostics;
using Winnow.Scoring;

namespace Winnow.Bench;

/// <summary>
/// Prune4ReL's greedy at scale: N clustered 128-d embeddings (class centres plus noise, so
/// neighbourhoods exist above τ), kept fraction 0.3 — the reference greedy (own term) timed on
/// the full N, and both greedies compared on a smaller N by the objective Σ_x tanh(NC_x/η) they reach.
/// </summary>
public static class Prune4RelScale
{
    public static int Run(string[] args)
    {
        var n = BenchArgs.Int(args, "--samples", 60000);
        var compareN = BenchArgs.Int(args, "--compare-samples", 5000);
        const int dimension = 128, classes = 10;

        var (embeddings, confidence, labels) = Clustered(n, dimension, classes, seed: 1);
        var watch = Stopwatch.StartNew();
        var kept = Prune4RelSelector.Select(embeddings, dimension, confidence, labels, 0.3, tau: 0.975);
        Console.WriteLine($"own-term greedy: N {n} × {dimension}-d, kept {kept.Length}: {watch.Elapsed.TotalSeconds:F1} s");

        var (e2, c2, l2) = Clustered(compareN, dimension, classes, seed: 2);
        foreach (var fraction in new[] { 0.3, 0.1 })
        {
            watch.Restart();
            var own = Prune4RelSelector.Select(e2, dimension, c2, l2, fraction, tau: 0.975);
            var ownSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var marginal = Prune4RelSelector.SelectByMarginalGain(e2, dimension, c2, l2, fraction, tau: 0.975);
            var marginalSeconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"N {compareN}, f {fraction}: objective own {Objective(e2, dimension, c2, own):F1} ({ownSeconds:F1} s), marginal {Objective(e2, dimension, c2, marginal):F1} ({marginalSeconds:F1} s)");
        }
        return 0;
    }

    /// <summary>Σ_x tanh(NC_x) with NC_x = Σ_{s ∈ S} sim(x, s)·c_s, sim thresholded at 0.975.</summary>
    private static double Objective(float[] e, int d, float[] c, int[] selected)
    {
        var n = c.Length;
        var norms = Enumerable.Range(0, n).Select(i => Math.Sqrt(Enumerable.Range(0, d).Sum(k => (double)e[i * d + k] * e[i * d + k]))).ToArray();
        double total = 0;
        for (var x = 0; x < n; x++)
        {
            double nc = 0;
            foreach (var s in selected)
            {
                double dot = 0;
                for (var k = 0; k < d; k++) dot += e[x * d + k] * e[s * d + k];
                var sim = 0.5 + 0.5 * dot / (norms[x] * norms[s]);
                if (sim >= 0.975) nc += sim * c[s];
            }
            total += Math.Tanh(nc);
        }
        return total;
    }

    private static (float[] Embeddings, float[] Confidence, int[] Labels) Clustered(int n, int d, int classes, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, classes * d).Select(_ => (float)Gaussian(random)).ToArray();
        var embeddings = new float[n * d];
        var labels = new int[n];
        var confidence = new float[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            for (var k = 0; k < d; k++) embeddings[i * d + k] = centres[labels[i] * d + k] + 0.25f * (float)Gaussian(random);
            confidence[i] = 0.5f + 0.5f * random.NextSingle();
        }
        return (embeddings, confidence, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
