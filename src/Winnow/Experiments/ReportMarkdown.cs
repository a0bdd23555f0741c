using System.Globalization;
using System.Text;

namespace Winnow.Experiments;

/// <summary>
/// REPORT.md: per dataset, the accuracy table (arm × noise rows, kept-fraction columns), the
/// cost and noise table (one line per arm × fraction × noise), and the plots.
/// </summary>
public static class ReportMarkdown
{
    public static string Render(GridReport report, IReadOnlyList<ReportPlots.Plot> plots)
    {
        var text = new StringBuilder();
        var manifest = report.Manifest;
        text.Append($"# Grid report: {manifest.Name}\n\n");
        text.Append(Invariant($"{report.Rows.Count} of {manifest.Runs.Count} runs finished"));
        if (report.Failures.Count > 0) text.Append(Invariant($", {report.Failures.Count} failed (listed at the end)"));
        text.Append(Invariant($" (grid `{manifest.Source}`, hash `{manifest.Hash[..12]}`). "));
        text.Append("Each value is the mean ± sample standard deviation over the seeds finished; ");
        text.Append("`—` = not run yet or does not apply. Full-data and dynamic arms have no kept-fraction axis: ");
        text.Append("a dynamic pruner runs at its own prune ratio and shows the fraction of full training it used.\n\n");
        if (report.Shards.Count > 0)
        {
            text.Append("Run as shards, merged here: ").Append(string.Join("; ", report.Shards.Select(s => s.Describe()))).Append(".\n\n");
        }
        foreach (var dataset in report.Datasets)
        {
            text.Append($"## {dataset}\n\n### Test accuracy\n\n");
            text.Append(AccuracyTable(report, dataset)).Append('\n');
            text.Append("### Cost and noise\n\n");
            text.Append("Wall-clock is the training loop's, relative to the full-data run of the same data and seed. ");
            text.Append("Backprop is samples backpropagated / (epochs × training-set size); *+ selection* adds the surrogate training a static method scores with. ");
            text.Append("Noisy kept: the share of the wrongly labelled samples trained on (per epoch, for dynamic pruning). ");
            text.Append("Detection AUROC: how well the arm's ranking flags the wrong labels (0.5 = chance) — the pruning order for static methods, −DAS for AlignPrune, the last loss otherwise. ");
            text.Append("DAS while pruning: the AUROC of −DAS (each sample's last N losses against the trusted reference set's) averaged over the epochs that pruned — ");
            text.Append("measured in every dynamic run whatever it ranks by, so it shows how well DAS tells the wrong labels apart where a pruner acts, not after annealing when they are memorised; the detection-curve plot has it per epoch. ");
            text.Append("Label correction: of the wrongly labelled samples trained on, the share the final model assigns to their true class.\n\n");
            text.Append(DetailTable(report, dataset)).Append('\n');
            var own = plots.Where(p => p.Dataset == dataset).ToArray();
            if (own.Length > 0)
            {
                text.Append("### Plots\n\n");
                foreach (var plot in own) text.Append($"![{plot.Title}]({plot.RelativePath})\n\n");
            }
        }
        if (report.Datasets.Count == 0) text.Append("No run has finished yet.\n");
        if (report.Paired.Count > 0)
        {
            text.Append("## Paired comparisons\n\n");
            text.Append("Test accuracy of A minus B seed by seed (both runs share the seed's subset, noise and initialisation), then mean ± std over the seeds both finished, in points; ");
            text.Append("a full-data or dynamic arm is compared with a static arm at each of its kept fractions.\n\n");
            text.Append(Table(["dataset", "noise", "kept fraction", "A", "B", "A accuracy", "B accuracy", "A − B (pt)", "seeds A > B"], report.Paired.Select(p => new[]
            {
                p.Dataset, p.Noise, p.Fraction is { } f ? Invariant($"{f}") : "—", p.A, p.B, Format(p.AccuracyA, "F4"), Format(p.AccuracyB, "F4"),
                Points(p.Delta), Invariant($"{p.Wins}/{p.Delta.Count}"),
            }).ToArray())).Append('\n');
        }
        if (report.Failures.Count > 0)
        {
            text.Append("## Failed runs\n\n");
            text.Append(Invariant($"These runs stopped with an error and are left out of the tables above; `winnow bench` skips them on a rerun (same seed, same failure) unless given `--retry-failed`. The errors are also in `{FailureStore.FileName}`.\n\n"));
            text.Append(Table(["dataset", "noise", "arm", "kept fraction", "seed", "error"], report.Failures.Select(f => new[]
            {
                f.Run.Dataset, f.Run.Noise, f.Run.Arm, f.Run.Fraction is { } fraction ? Invariant($"{fraction}") : "—", Invariant($"{f.Run.Seed}"), f.Error,
            }).ToArray())).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The accuracy table of one dataset (also printed at the end of <c>winnow bench</c>).</summary>
    public static string AccuracyTable(GridReport report, string dataset)
    {
        var cells = report.Cells.Where(c => c.Dataset == dataset).ToArray();
        var failures = report.Failures.Where(f => f.Run.Dataset == dataset).Select(f => f.Run.Fraction);
        var fractions = cells.Select(c => c.Fraction).Concat(failures).OfType<double>().Distinct().Order().ToArray();
        var other = cells.Any(c => c.Fraction is null) || failures.Any(f => f is null);
        var header = new List<string> { "noise", "arm" };
        header.AddRange(fractions.Select(f => Invariant($"f = {f}")));
        if (other) header.Add("full / dynamic");
        var lines = new List<string[]>();
        foreach (var noise in report.NoisesOf(dataset))
        {
            foreach (var arm in report.Arms)
            {
                var row = cells.Where(c => c.Noise == noise && c.Arm == arm).ToArray();
                var failedHere = report.Failures.Any(f => f.Run.Dataset == dataset && f.Run.Noise == noise && f.Run.Arm == arm);
                if (row.Length == 0 && !failedHere) continue;
                string Entry(double? fraction)
                {
                    var failed = report.FailedSeeds(dataset, noise, arm, fraction);
                    var note = failed > 0 ? Invariant($" ({failed} failed)") : "";
                    if (row.FirstOrDefault(c => c.Fraction == fraction) is not { } cell) return failed > 0 ? "failed" : "—";
                    return Accuracy(cell) + (cell.Kind == "dynamic" ? Invariant($" (trained {cell.Backprop.Mean:F2})") : "") + note;
                }
                var line = new List<string> { noise, arm };
                line.AddRange(fractions.Select(f => Entry(f)));
                if (other) line.Add(Entry(null));
                lines.Add(line.ToArray());
            }
        }
        return Table(header.ToArray(), lines);
    }

    private static string DetailTable(GridReport report, string dataset)
    {
        string[] header = ["noise", "arm", "kept fraction", "seeds", "wall vs full", "backprop", "+ selection", "noisy kept", "noisy share trained", "detection AUROC", "DAS while pruning", "label correction"];
        var lines = new List<string[]>();
        foreach (var noise in report.NoisesOf(dataset))
        {
            foreach (var arm in report.Arms)
            {
                foreach (var cell in report.Cells.Where(c => c.Dataset == dataset && c.Noise == noise && c.Arm == arm).OrderBy(c => c.Fraction ?? 2))
                {
                    lines.Add([
                        noise, arm,
                        cell.Fraction is { } f ? Invariant($"{f}") : cell.Kind == "full" ? "1 (full)" : "— (dynamic)",
                        $"{cell.Finished}/{cell.Planned}",
                        Format(cell.WallVsFull, "F2"),
                        Format(cell.Backprop, "F3"),
                        cell.Kind == "static" ? Format(cell.Compute, "F3") : "—",
                        Format(cell.NoisyKept, "P1"),
                        Format(cell.NoisyShare, "P1"),
                        cell.Auroc is null ? "—" : $"{Format(cell.Auroc, "F3")} ({cell.DetectionScore})",
                        Format(cell.DasWhilePruning, "F3"),
                        Format(cell.LabelCorrection, "P1"),
                    ]);
                }
            }
        }
        return Table(header, lines);
    }

    /// <summary>"0.8123 ± 0.0040", with "(2 of 3 seeds)" while seeds are missing.</summary>
    public static string Accuracy(ReportCell cell) =>
        Format(cell.Accuracy, "F4") + (cell.Finished < cell.Planned ? $" ({cell.Finished} of {cell.Planned} seeds)" : "");

    /// <summary>A metric as "mean ± std" (just the mean for one seed); format "P1" writes percentages as 12.3%.</summary>
    public static string Format(MeanStd? value, string format)
    {
        if (value is null) return "—";
        string One(double v) => format == "P1"
            ? (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%"
            : v.ToString(format, CultureInfo.InvariantCulture);
        return value.Count == 1 ? One(value.Mean) : $"{One(value.Mean)} ± {One(value.Std)}";
    }

    /// <summary>An accuracy difference in points with its sign, "+0.25 ± 0.33".</summary>
    private static string Points(MeanStd delta)
    {
        string One(double v) => (100 * v).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
        return delta.Count == 1 ? One(delta.Mean) : $"{One(delta.Mean)} ± {(100 * delta.Std).ToString("F2", CultureInfo.InvariantCulture)}";
    }

    private static string Table(string[] header, IReadOnlyList<string[]> lines)
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        text.Append('|').Append(string.Concat(header.Select(_ => "---|"))).Append('\n');
        foreach (var line in lines) text.Append("| ").Append(string.Join(" | ", line.Select(c => c.Replace("|", "\\|")))).Append(" |\n");
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
