using System.Diagnostics;
using Winnow.Scoring;
using static TorchSharp.torch;

namespace Winnow.Bench;

/// <summary>
/// Prune4ReL at ImageNet-1K scale: N 512-d embeddings in 1,000 classes, keeping 20%, with the
/// sparse τ-neighbourhood graph (τ 0.975, at most K neighbours a sample) and the own-term greedy
/// over it, timed separately, with the process's peak resident memory. Two kinds of embeddings:
/// random unit vectors (no neighbourhoods: the graph build's worst case, every pair bounded) and
/// Gaussian clusters, one per class, each point at its own spread s ∈ [0.2, 0.5] from its unit
/// centre, so that tight points have tens of neighbours and loose ones none (mean about 15).
/// At sizes where the dense greedy runs (--dense-up-to), it runs too and the picks are compared.
/// Run one size per process for a clean peak memory (VmHWM is the process's whole life).
/// </summary>
public static class Prune4RelImageNetScale
{
    public static int Run(string[] args)
    {
        var sizes = BenchArgs.Numbers(args, "--sizes", "60000,250000,1281167").Select(s => (int)s).ToArray();
        var variants = BenchArgs.List(args, "--variants", "random,clustered");
        var dimension = BenchArgs.Int(args, "--dimension", 512);
        var classes = BenchArgs.Int(args, "--classes", 1000);
        var cap = BenchArgs.Int(args, "--cap", 64);
        var denseUpTo = BenchArgs.Int(args, "--dense-up-to", 60000);
        var bound = BenchArgs.Int(args, "--bound", NeighbourGraph.BoundDimensions);
        var rowBlock = BenchArgs.Int(args, "--row-block", NeighbourGraph.DefaultRowBlock);
        var columnBlock = BenchArgs.Int(args, "--column-block", NeighbourGraph.DefaultColumnBlock);
        const double fraction = 0.2, tau = 0.975;
        Console.WriteLine($"threads {get_num_threads()}, d {dimension}, {classes} classes, keep {fraction}, τ {tau}, cap K {cap}, bound m {bound}, blocks {rowBlock} × {columnBlock}");
        Console.WriteLine("| embeddings | N | graph build s | greedy s | edges | mean / max neighbours | rows capped | kept | peak RSS GB | dense greedy s (same picks) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var variant in variants)
            foreach (var n in sizes)
            {
                var (labels, confidence) = LabelsAndConfidence(n, classes, seed: 3);
                var watch = Stopwatch.StartNew();
                NeighbourGraph graph;
                float[]? denseInput = null;
                using (var scope = NewDisposeScope())
                {
                    var embeddings = Embeddings(variant, n, dimension, classes, seed: 1);
                    if (n <= denseUpTo) denseInput = embeddings.data<float>().ToArray();
                    watch.Restart();
                    graph = NeighbourGraph.Build(embeddings, tau, cap, rowBlock, columnBlock, boundDimensions: bound, normaliseInPlace: true);
                }
                var buildSeconds = watch.Elapsed.TotalSeconds;
                watch.Restart();
                var kept = Prune4RelSelector.SelectSparse(graph, confidence, labels, fraction);
                var greedySeconds = watch.Elapsed.TotalSeconds;
                var rss = PeakResidentGigabytes();
                var dense = "";
                if (denseInput is not null)
                {
                    watch.Restart();
                    var densePicks = Prune4RelSelector.Select(denseInput, dimension, confidence, labels, fraction, tau);
                    var same = graph.RowsCapped == 0 ? (densePicks.SequenceEqual(kept) ? "yes" : "NO") : "capped rows: not comparable";
                    dense = $"{watch.Elapsed.TotalSeconds:F1} ({same})";
                }
                var degrees = Enumerable.Range(0, n).Select(i => graph.Offsets[i + 1] - graph.Offsets[i]).ToArray();
                Console.WriteLine($"| {variant} | {n:N0} | {buildSeconds:F1} | {greedySeconds:F1} | {graph.Edges:N0} | {degrees.Average():F1} / {degrees.Max()} | {graph.RowsCapped:N0} | {kept.Length:N0} | {rss:F2} | {dense} |");
            }
        return 0;
    }

    /// <summary>Random unit vectors, or per-class Gaussian clusters (see the class comment); seeded, made on the CPU.</summary>
    private static Tensor Embeddings(string variant, int n, int dimension, int classes, int seed)
    {
        var generator = new Generator((ulong)seed);
        var noise = randn([n, dimension], generator: generator);
        if (variant == "random") return noise;
        if (variant != "clustered") throw new ArgumentException($"unknown embeddings '{variant}' (random, clustered)");
        var centres = nn.functional.normalize(randn([classes, dimension], generator: generator), p: 2, dim: 1);
        var spread = rand([n, 1], generator: generator).mul(0.3).add(0.2).div(Math.Sqrt(dimension));
        var label = arange(n, dtype: ScalarType.Int64).remainder(classes);
        return noise.mul_(spread).add_(centres.index_select(0, label));
    }

    /// <summary>Class i mod classes (as the clusters) and a confidence in [0.5, 1).</summary>
    private static (int[] Labels, float[] Confidence) LabelsAndConfidence(int n, int classes, int seed)
    {
        var random = new Random(seed);
        return (Enumerable.Range(0, n).Select(i => i % classes).ToArray(), Enumerable.Range(0, n).Select(_ => 0.5f + 0.5f * random.NextSingle()).ToArray());
    }

    private static double PeakResidentGigabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }
}
