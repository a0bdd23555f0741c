namespace Winnow.Experiments;

/// <summary>
/// Test accuracy of arm A minus arm B, seed by seed, on one dataset × noise × kept fraction:
/// pairing by seed removes what the two runs share (the subset, the noise draw, the
/// initialisation), so a gain smaller than either arm's spread over seeds can still show in every
/// seed. A full-data or dynamic arm (no kept fraction) pairs with a static arm at each of its fractions.
/// </summary>
/// <param name="Fraction">The static arm's kept fraction; null when neither arm has one.</param>
/// <param name="Delta">A − B in accuracy (not points), over the paired seeds.</param>
/// <param name="Wins">Seeds where A beat B.</param>
public sealed record PairedComparison(string A, string B, string Dataset, string Noise, double? Fraction,
    MeanStd AccuracyA, MeanStd AccuracyB, MeanStd Delta, int Wins)
{
    /// <summary>Every requested comparison, on every dataset × noise × fraction where both arms have a result for some seed.</summary>
    public static IReadOnlyList<PairedComparison> Of(GridManifest manifest, IReadOnlyDictionary<string, ResultRow> results)
    {
        var done = manifest.Runs.Where(r => results.ContainsKey(r.Hash)).ToArray();
        var found = new List<PairedComparison>();
        foreach (var comparison in manifest.Comparisons ?? [])
        {
            var pairs =
                from a in done.Where(r => r.Arm == comparison.A)
                from b in done.Where(r => r.Arm == comparison.B)
                where a.Dataset == b.Dataset && a.Noise == b.Noise && a.Seed == b.Seed
                      && (a.Fraction == b.Fraction || a.Fraction is null || b.Fraction is null)
                select (a, b, Key: (a.Dataset, a.Noise, Fraction: a.Fraction ?? b.Fraction));
            foreach (var group in pairs.GroupBy(p => p.Key))
            {
                var accuracies = group.OrderBy(p => p.a.Seed)
                    .Select(p => (A: results[p.a.Hash].Metrics.TestAccuracy, B: results[p.b.Hash].Metrics.TestAccuracy)).ToArray();
                found.Add(new PairedComparison(comparison.A, comparison.B, group.Key.Dataset, group.Key.Noise, group.Key.Fraction,
                    MeanStd.Of(accuracies.Select(x => x.A))!, MeanStd.Of(accuracies.Select(x => x.B))!,
                    MeanStd.Of(accuracies.Select(x => x.A - x.B))!, accuracies.Count(x => x.A > x.B)));
            }
        }
        return found;
    }
}
