using Winnow.Output;

namespace Winnow.Experiments;

/// <summary>
/// The report of a grid directory: reads grid.json and results.jsonl, averages every metric over
/// seeds per dataset × noise × arm × kept fraction, and writes REPORT.md (tables and plots),
/// results.csv and plots/*.png. Only results of the directory's current grid count; a result
/// left by an earlier version of the grid (changed configuration) stays in results.jsonl but
/// is not reported. Failed runs (failures.jsonl) without a later result are listed with their error.
/// </summary>
public sealed record GridReport(GridManifest Manifest, IReadOnlyList<ResultRow> Rows, IReadOnlyList<ReportCell> Cells,
    IReadOnlyList<GridReport.FailedRun> Failures)
{
    public sealed record FailedRun(GridManifest.Run Run, string Error);

    /// <summary>The grid's <c>compare</c> pairs, seed by seed, where both arms have results.</summary>
    public IReadOnlyList<PairedComparison> Paired { get; init; } = [];

    /// <summary>Where the grid ran as shards: each shard's state (empty for a grid run whole).</summary>
    public IReadOnlyList<ShardStatus> Shards { get; init; } = [];

    public const string MarkdownFile = "REPORT.md";
    public const string CsvFile = "results.csv";
    public const string PlotsFolder = "plots";

    public static GridReport Load(string directory)
    {
        var manifest = GridManifest.Read(directory);
        var report = Build(manifest, ResultStore.Read(directory), FailureStore.Read(directory));
        var finished = report.Rows.Select(r => r.Hash).ToHashSet();
        var failed = report.Failures.Select(f => f.Run.Hash).ToHashSet();
        return report with { Shards = ShardStatus.Of(ShardRecord.ReadAll(directory), manifest.Hash, finished, failed) };
    }

    public static GridReport Build(GridManifest manifest, IReadOnlyList<ResultRow> results, IReadOnlyList<RunFailure>? failures = null)
    {
        var planned = manifest.Runs.ToDictionary(r => r.Hash);
        var byHash = new Dictionary<string, ResultRow>();
        foreach (var row in results.Where(r => planned.ContainsKey(r.Hash))) byHash[row.Hash] = row;
        var rows = manifest.Runs.Where(r => byHash.ContainsKey(r.Hash)).Select(r => byHash[r.Hash]).ToArray();

        var cells = new List<ReportCell>();
        foreach (var group in manifest.Runs.GroupBy(r => (r.Dataset, r.Noise, r.Arm, r.Fraction)))
        {
            var done = group.Where(r => byHash.ContainsKey(r.Hash)).ToArray();
            if (done.Length == 0) continue;
            var metrics = done.Select(r => byHash[r.Hash].Metrics).ToArray();
            double? WallVsFull(GridManifest.Run run) =>
                byHash.TryGetValue(run.FullHash, out var full) && full.Metrics.WallSeconds > 0
                    ? byHash[run.Hash].Metrics.WallSeconds / full.Metrics.WallSeconds
                    : null;
            cells.Add(new ReportCell(
                group.Key.Dataset, group.Key.Noise, group.Key.Arm, group.First().Kind, group.Key.Fraction, group.Count(), done.Length,
                MeanStd.Of(metrics.Select(m => (double?)m.TestAccuracy))!,
                MeanStd.Of(done.Select(WallVsFull)),
                MeanStd.Of(metrics.Select(m => (double?)m.FractionOfFullTraining))!,
                MeanStd.Of(metrics.Select(m => (double?)m.ComputeFraction))!,
                MeanStd.Of(metrics.Select(m => m.NoisyKeptFraction)),
                MeanStd.Of(metrics.Select(m => m.NoisyShareTrained)),
                MeanStd.Of(metrics.Select(m => m.DetectionAuroc)),
                metrics.Select(m => m.DetectionScore).FirstOrDefault(s => s is not null),
                // Results written before correction became null on clean labels hold 0 there: undefined, not 0%.
                MeanStd.Of(metrics.Select(m => m.NoisyShareTrained > 0 ? m.LabelCorrectionAccuracy : null)),
                MeanStd.Of(metrics.Select(m => Detection.DetectionCurve.MeanWhilePruning(m.DetectionCurve, p => p.AurocDas)))));
        }
        var errors = new Dictionary<string, string>();
        foreach (var failure in failures ?? []) errors[failure.Hash] = failure.Error; // the latest attempt counts
        var failed = manifest.Runs.Where(r => !byHash.ContainsKey(r.Hash) && errors.ContainsKey(r.Hash))
            .Select(r => new FailedRun(r, errors[r.Hash])).ToArray();
        return new GridReport(manifest, rows, cells, failed) { Paired = PairedComparison.Of(manifest, byHash) };
    }

    /// <summary>Writes REPORT.md, results.csv and the plots; returns the path of REPORT.md.</summary>
    public string Write(string directory)
    {
        var plots = ReportPlots.Write(directory, this);
        ReportCsv.Write(Path.Combine(directory, CsvFile), this);
        var path = Path.Combine(directory, MarkdownFile);
        AtomicFile.WriteAllText(path, ReportMarkdown.Render(this, plots));
        return path;
    }

    public IReadOnlyList<string> Datasets => Reported.Select(r => r.Dataset).Distinct().ToArray();

    public IReadOnlyList<string> NoisesOf(string dataset) => Reported.Where(r => r.Dataset == dataset).Select(r => r.Noise).Distinct().ToArray();

    /// <summary>Planned runs that finished or failed, in grid order.</summary>
    private IEnumerable<GridManifest.Run> Reported
    {
        get
        {
            var done = Rows.Select(r => r.Hash).Concat(Failures.Select(f => f.Run.Hash)).ToHashSet();
            return Manifest.Runs.Where(r => done.Contains(r.Hash));
        }
    }

    /// <summary>Seeds of one dataset × noise × arm × kept fraction that failed.</summary>
    public int FailedSeeds(string dataset, string noise, string arm, double? fraction) =>
        Failures.Count(f => f.Run.Dataset == dataset && f.Run.Noise == noise && f.Run.Arm == arm && f.Run.Fraction == fraction);

    /// <summary>Arm labels in grid order.</summary>
    public IReadOnlyList<string> Arms => Manifest.Runs.Select(r => r.Arm).Distinct().ToArray();
}
