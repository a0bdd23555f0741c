using System.Text.Json.Nodes;
using Winnow.Experiments;
using Winnow.Runs;
using Winnow.Tests.Support;

namespace Winnow.Tests.Experiments;

public class GridReportTests
{
    private static GridManifest.Run Planned(string hash, string arm, string kind, string noise, int seed, double? fraction, string full) =>
        new(hash, arm, kind, "d (100 train)", noise, seed, fraction, full);

    private static ResultRow Row(string hash, string arm, double accuracy, double wall, double backprop, double? noisyKept = null, double? auroc = null) =>
        new(hash, arm, new JsonObject(), new RunRecord
        {
            Dataset = "d", TestSize = 20, Noise = "symmetric:0.4", Seed = 1, Model = "mlp", Learner = "ce", Device = "cpu", BatchSize = 32, LearningRate = 0.05,
            TestAccuracy = accuracy, Epochs = 4, TrainSize = 100, NoiseRate = 0.4, WallSeconds = wall, TrainSeconds = wall / 2,
            SamplesBackpropagated = (long)(400 * backprop), FractionOfFullTraining = backprop, ComputeFraction = backprop + 0.1,
            NoisyKeptFraction = noisyKept, DetectionAuroc = auroc, DetectionScore = auroc is null ? null : "pruning order",
        });

    /// <summary>Three seeds of full data and of one static arm at two fractions, one seed of a dynamic arm, plus a stale row of an older grid.</summary>
    private static GridReport Example()
    {
        var runs = new List<GridManifest.Run>();
        var rows = new List<ResultRow>();
        double[] fullAccuracy = [0.90, 0.86, 0.88];
        double[] fullWall = [10, 12, 8];
        double[][] staticAccuracy = [[0.70, 0.80], [0.74, 0.83], [0.75, 0.77]];
        for (var s = 0; s < 3; s++)
        {
            var full = $"full{s}";
            runs.Add(Planned(full, "full", "full", "symmetric:0.4", s, null, full));
            rows.Add(Row(full, "full", fullAccuracy[s], fullWall[s], 1, 1));
            for (var k = 0; k < 2; k++)
            {
                var f = k == 0 ? 0.3 : 0.6;
                var hash = $"el2n{s}{k}";
                runs.Add(Planned(hash, "el2n", "static", "symmetric:0.4", s, f, full));
                rows.Add(Row(hash, "el2n", staticAccuracy[s][k], fullWall[s] * f, f, f / 2, 0.6 + 0.1 * s));
            }
        }
        runs.Add(Planned("ib0", "infobatch (r 0.5)", "dynamic", "symmetric:0.4", 0, null, "full0"));
        runs.Add(Planned("ib1", "infobatch (r 0.5)", "dynamic", "symmetric:0.4", 1, null, "full1"));
        // InfoBatch's curve: epoch 1 full data, 2 and 3 pruned, 4 annealed; DAS while pruning = (0.8 + 0.6)/2.
        var dynamic = Row("ib0", "infobatch (r 0.5)", 0.85, 7, 0.7, 0.65);
        rows.Add(dynamic with { Metrics = dynamic.Metrics with
        {
            DetectionCurve =
            [
                new(1, 0.1, null, 0.7, 0.7, false), new(2, 0.08, 0.8, 0.72, 0.75, true),
                new(3, 0.05, 0.6, 0.7, 0.78, true), new(4, 0.01, 0.5, 0.6, 0.8, false),
            ],
        } });
        rows.Add(Row("stale", "el2n", 0.10, 1, 0.3));
        var manifest = new GridManifest("example", "abcdef0123456789", "example.json", runs)
        {
            Comparisons = [new GridComparison("el2n", "full"), new GridComparison("infobatch (r 0.5)", "full")],
        };
        return GridReport.Build(manifest, rows);
    }

    [Fact]
    public void EveryReportedMeanIsTheMeanOfTheResultRows()
    {
        var report = Example();
        Assert.Equal(10, report.Rows.Count); // the stale row of an older grid is not reported
        var el2n = report.Cells.Single(c => c.Arm == "el2n" && c.Fraction == 0.3);
        Assert.Equal((0.70 + 0.74 + 0.75) / 3, el2n.Accuracy.Mean, 12);
        var deviations = new[] { 0.70, 0.74, 0.75 }.Select(a => a - el2n.Accuracy.Mean);
        Assert.Equal(Math.Sqrt(deviations.Sum(d => d * d) / 2), el2n.Accuracy.Std, 12);
        Assert.Equal(3, el2n.Accuracy.Count);
        Assert.Equal(0.3, el2n.WallVsFull!.Mean, 12);
        Assert.Equal(0.15, el2n.NoisyKept!.Mean, 12);
        Assert.Equal(0.7, el2n.Auroc!.Mean, 12);
        Assert.Equal(0.4, el2n.Compute.Mean, 12);

        var full = report.Cells.Single(c => c.Arm == "full");
        Assert.Equal(0.88, full.Accuracy.Mean, 12);
        Assert.Equal(1, full.WallVsFull!.Mean, 12);

        var dynamic = report.Cells.Single(c => c.Kind == "dynamic");
        Assert.Equal((1, 2), (dynamic.Finished, dynamic.Planned));
        Assert.Equal(0.7, dynamic.PlotFraction, 12);

        // Every cell against the rows it stands for.
        foreach (var cell in report.Cells)
        {
            var hashes = report.Manifest.Runs.Where(r => r.Arm == cell.Arm && r.Fraction == cell.Fraction && r.Noise == cell.Noise).Select(r => r.Hash).ToHashSet();
            var accuracies = report.Rows.Where(r => hashes.Contains(r.Hash)).Select(r => r.Metrics.TestAccuracy!.Value).ToArray();
            Assert.Equal(accuracies.Average(), cell.Accuracy.Mean, 12);
        }
    }

    [Fact]
    public void DasWhilePruningIsTheMeanOverTheEpochsThatPruned()
    {
        var report = Example();
        Assert.Equal(0.7, report.Cells.Single(c => c.Kind == "dynamic").DasWhilePruning!.Mean, 12);
        Assert.Null(report.Cells.Single(c => c.Arm == "full").DasWhilePruning); // no curve recorded (results of earlier code)
        Assert.Null(Winnow.Detection.DetectionCurve.MeanWhilePruning([new(1, 0.1, 0.9, 0.5, 0.5, false)], p => p.AurocDas)); // nothing pruned
    }

    [Fact]
    public void PairedComparisonsSubtractSeedBySeedAndPairAFullArmWithEachKeptFraction()
    {
        var report = Example();
        Assert.Equal([("el2n", 0.3), ("el2n", 0.6), ("infobatch (r 0.5)", null)], report.Paired.Select(p => (p.A, p.Fraction)));
        var atThird = report.Paired[0];
        // Seeds 0, 1, 2: 0.70 − 0.90, 0.74 − 0.86, 0.75 − 0.88.
        Assert.Equal(-0.15, atThird.Delta.Mean, 12);
        Assert.Equal(Math.Sqrt((0.05 * 0.05 + 0.03 * 0.03 + 0.02 * 0.02) / 2), atThird.Delta.Std, 12);
        Assert.Equal((3, 0), (atThird.Delta.Count, atThird.Wins));
        Assert.Equal(0.88, atThird.AccuracyB.Mean, 12);
        Assert.Equal(-0.08, report.Paired[1].Delta.Mean, 12);
        // InfoBatch finished seed 0 only: one pair.
        Assert.Equal((-0.05, 1), (Math.Round(report.Paired[2].Delta.Mean, 12), report.Paired[2].Delta.Count));

        using var folder = new TempFolder();
        var markdown = File.ReadAllText(report.Write(folder.Path));
        Assert.Contains("| d (100 train) | symmetric:0.4 | 0.3 | el2n | full | 0.7300 ± 0.0265 | 0.8800 ± 0.0200 | -15.00 ± 4.36 | 0/3 |", markdown);
        Assert.Contains("| d (100 train) | symmetric:0.4 | — | infobatch (r 0.5) | full | 0.8500 | 0.9000 | -5.00 | 0/1 |", markdown);
    }

    [Fact]
    public void TheComparisonsTravelWithTheManifest()
    {
        using var folder = new TempFolder();
        var manifest = Example().Manifest;
        manifest.Claim(folder.Path, update: false);
        Assert.Equal(manifest.Comparisons!, GridManifest.Read(folder.Path).Comparisons!);
    }

    [Fact]
    public void MarkdownShowsTheMeansAndCsvHoldsEveryRow()
    {
        using var folder = new TempFolder();
        var report = Example();
        var path = report.Write(folder.Path);
        var markdown = File.ReadAllText(path);
        Assert.Contains("| symmetric:0.4 | el2n | 0.7300 ± 0.0265 | 0.8000 ± 0.0300 | — |", markdown);
        Assert.Contains("| symmetric:0.4 | full | — | — | 0.8800 ± 0.0200 |", markdown);
        Assert.Contains("0.8500 (1 of 2 seeds) (trained 0.70)", markdown);
        Assert.Contains("10 of 11 runs finished", markdown);
        var csv = File.ReadAllLines(Path.Combine(folder.Path, GridReport.CsvFile));
        Assert.Equal(1 + 10, csv.Length);
        Assert.StartsWith("hash,dataset,noise,seed,arm,kind,fraction", csv[0]);
        Assert.StartsWith("full0,d (100 train),symmetric:0.4,0,full,full,,ce,0.9,10,1,", csv[1]);
        Assert.Equal(csv[0].Split(',').Length, csv[1].Split(',').Length);
        Assert.EndsWith(",das_auroc_while_pruning", csv[0]);
        Assert.EndsWith(",0.7", csv.Single(l => l.StartsWith("ib0,", StringComparison.Ordinal)));
        Assert.Contains("| detection AUROC | DAS while pruning | label correction |", markdown);
        Assert.Contains("| — (dynamic) | 1/2 | 0.70 | 0.700 | — | 65.0% | — | — | 0.700 | — |", markdown);
    }

    [Fact]
    public void PlotsAreWrittenAsNonEmptyPngsAndLinkedFromTheReport()
    {
        using var folder = new TempFolder();
        var report = Example();
        var markdown = File.ReadAllText(report.Write(folder.Path));
        var plots = Directory.GetFiles(Path.Combine(folder.Path, GridReport.PlotsFolder), "*.png");
        Assert.Equal(4, plots.Length); // accuracy vs fraction, vs compute, noisy kept, detection curve
        Assert.Contains(plots, p => p.EndsWith("-detection-curve.png", StringComparison.Ordinal));
        foreach (var plot in plots)
        {
            var bytes = File.ReadAllBytes(plot);
            Assert.True(bytes.Length > 5000, $"{plot} has {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Contains($"({GridReport.PlotsFolder}/{Path.GetFileName(plot)})", markdown);
        }
    }
}
