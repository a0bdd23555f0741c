using System.Text;
using ScottPlot;
using Winnow.Output;

namespace Winnow.Experiments;

/// <summary>
/// The report's PNGs, per dataset × noise setting, one colour per arm (the same in every plot):
/// accuracy vs kept fraction (error bars = std over seeds; the full-data accuracy as a dashed
/// line), accuracy vs compute (backprop including selection, relative to full training), and —
/// with noisy labels — the share of the noisy samples kept vs kept fraction, beside the
/// diagonal a random subset would follow; and — for runs that recorded it — the detection AUROC
/// per epoch, one colour per arm and one line style per score (−DAS solid, last loss dashed, mean
/// loss dotted), each the mean over the seeds.
/// </summary>
public static class ReportPlots
{
    public sealed record Plot(string Dataset, string Noise, string Title, string RelativePath);

    public static IReadOnlyList<Plot> Write(string directory, GridReport report)
    {
        var folder = Path.Combine(directory, GridReport.PlotsFolder);
        Directory.CreateDirectory(folder);
        // Ten distinct hues while they suffice; beyond that, twenty (light and dark of each) so no two arms share a colour.
        ScottPlot.IPalette palette = report.Arms.Count <= 10 ? new ScottPlot.Palettes.Category10() : new ScottPlot.Palettes.Category20();
        var colours = report.Arms.Select((arm, i) => (arm, i)).ToDictionary(p => p.arm, p => palette.GetColor(p.i));
        var plots = new List<Plot>();
        foreach (var dataset in report.Datasets)
        {
            foreach (var noise in report.NoisesOf(dataset))
            {
                var cells = report.Cells.Where(c => c.Dataset == dataset && c.Noise == noise).ToArray();
                if (cells.Length == 0) continue; // every run of this noise setting failed
                var slug = Slug($"{dataset}-{noise}");
                plots.Add(Draw(folder, dataset, noise, $"{slug}-accuracy-vs-fraction.png", $"Test accuracy vs kept fraction — {dataset}, noise {noise}",
                    "kept fraction (dynamic: fraction of full training)", "test accuracy", cells, colours, c => c.PlotFraction, c => c.Accuracy, fullLine: true));
                plots.Add(Draw(folder, dataset, noise, $"{slug}-accuracy-vs-compute.png", $"Test accuracy vs compute — {dataset}, noise {noise}",
                    "samples backpropagated incl. selection / full training", "test accuracy", cells, colours, c => c.Compute.Mean, c => c.Accuracy, fullLine: true));
                if (cells.Any(c => c.NoisyKept is not null && c.Kind != "full"))
                {
                    plots.Add(Draw(folder, dataset, noise, $"{slug}-noisy-kept.png", $"Noisy labels kept — {dataset}, noise {noise}",
                        "kept fraction (dynamic: fraction of full training)", "share of the noisy samples trained on", cells.Where(c => c.Kind != "full").ToArray(), colours,
                        c => c.PlotFraction, c => c.NoisyKept, fullLine: false, diagonal: true));
                }
                if (DetectionCurves(folder, dataset, noise, $"{slug}-detection-curve.png", report, colours) is { } curves) plots.Add(curves);
            }
        }
        return plots;
    }

    private static Plot Draw(string folder, string dataset, string noise, string file, string title, string xLabel, string yLabel,
        IReadOnlyList<ReportCell> cells, Dictionary<string, Color> colours, Func<ReportCell, double> x, Func<ReportCell, MeanStd?> y,
        bool fullLine, bool diagonal = false)
    {
        var plot = new ScottPlot.Plot();
        foreach (var arm in cells.Select(c => c.Arm).Distinct())
        {
            var points = cells.Where(c => c.Arm == arm && y(c) is not null).OrderBy(x).ToArray();
            if (points.Length == 0) continue;
            var xs = points.Select(x).ToArray();
            var ys = points.Select(c => y(c)!.Mean).ToArray();
            var colour = colours[arm];
            var line = plot.Add.Scatter(xs, ys, colour);
            line.LegendText = arm;
            line.LineWidth = 2;
            line.MarkerSize = 8;
            if (points.Any(c => y(c)!.Count > 1))
            {
                var bars = plot.Add.ErrorBar(xs, ys, points.Select(c => y(c)!.Std).ToArray());
                bars.Color = colour;
            }
            if (fullLine && points.All(c => c.Kind == "full"))
            {
                var full = plot.Add.HorizontalLine(ys[0], 1, colour, LinePattern.Dashed);
                full.LegendText = "";
            }
        }
        if (diagonal)
        {
            var random = plot.Add.Scatter(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, Colors.Gray);
            random.LinePattern = LinePattern.Dotted;
            random.MarkerSize = 0;
            random.LegendText = "a random subset";
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend();
        var path = Path.Combine(folder, file);
        AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, 900, 560));
        return new Plot(dataset, noise, title, $"{GridReport.PlotsFolder}/{file}");
    }

    private static readonly (string Name, Func<Detection.DetectionPoint, double?> Value, LinePattern Pattern)[] CurveScores =
    [
        ("das", p => p.AurocDas, LinePattern.Solid),
        ("last loss", p => p.AurocLoss, LinePattern.Dashed),
        ("mean loss", p => p.AurocMeanLoss, LinePattern.Dotted),
    ];

    /// <summary>AUROC vs epoch of every arm with a detection curve under this dataset × noise; null when none has one.</summary>
    private static Plot? DetectionCurves(string folder, string dataset, string noise, string file, GridReport report, Dictionary<string, Color> colours)
    {
        var runs = report.Manifest.Runs.ToDictionary(r => r.Hash);
        var byArm = report.Rows
            .Where(r => runs[r.Hash].Dataset == dataset && runs[r.Hash].Noise == noise && r.Metrics.DetectionCurve is { Count: > 0 })
            .GroupBy(r => r.Arm)
            .ToArray();
        if (byArm.Length == 0) return null;
        var plot = new ScottPlot.Plot();
        foreach (var arm in byArm)
        {
            var points = arm.SelectMany(r => r.Metrics.DetectionCurve!).GroupBy(p => p.Epoch).OrderBy(g => g.Key).ToArray();
            foreach (var (name, value, pattern) in CurveScores)
            {
                // Mean over the seeds that have the score at that epoch (DAS starts at epoch 2).
                var present = points.Select(g => (Epoch: g.Key, Values: g.Select(value).OfType<double>().ToArray())).Where(p => p.Values.Length > 0).ToArray();
                if (present.Length == 0) continue;
                var line = plot.Add.Scatter(present.Select(p => (double)p.Epoch).ToArray(), present.Select(p => p.Values.Average()).ToArray(), colours[arm.Key]);
                line.LegendText = $"{arm.Key}: {name}";
                line.LinePattern = pattern;
                line.LineWidth = 2;
                line.MarkerSize = 4;
            }
        }
        var chance = plot.Add.HorizontalLine(0.5, 1, Colors.Gray, LinePattern.Dotted);
        chance.LegendText = "";
        var title = $"Noise detection AUROC per epoch — {dataset}, noise {noise}";
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("AUROC of flagging the wrong labels");
        plot.ShowLegend();
        var path = Path.Combine(folder, file);
        AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, 900, 560));
        return new Plot(dataset, noise, title, $"{GridReport.PlotsFolder}/{file}");
    }

    /// <summary>A file-name-safe form: lower case, runs of other characters as one '-', at most 60 characters.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '.') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().Trim('-');
        return result.Length <= 60 ? result : result[^60..].Trim('-');
    }
}
