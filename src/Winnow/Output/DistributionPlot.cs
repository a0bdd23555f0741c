namespace Winnow.Output;

/// <summary>
/// A PNG of a score's distribution for clean and for noisy samples (normalised histograms drawn
/// as lines, so overlapping groups stay readable), written atomically.
/// </summary>
public static class DistributionPlot
{
    public static void Write(string path, string title, IReadOnlyList<float> scores, IReadOnlyList<bool> noisy, int bins = 40)
    {
        var finite = scores.Where(float.IsFinite).ToArray();
        var low = finite.Length == 0 ? 0 : finite.Min();
        var high = finite.Length == 0 ? 1 : finite.Max();
        if (high <= low) high = low + 1;
        var width = (high - low) / bins;
        var centres = Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * width).ToArray();

        var plot = new ScottPlot.Plot();
        foreach (var (label, group) in new[] { ("clean", false), ("noisy", true) })
        {
            var values = scores.Where((s, i) => noisy[i] == group && float.IsFinite(s)).ToArray();
            var density = new double[bins];
            foreach (var v in values) density[Math.Min(bins - 1, (int)((v - low) / width))] += 1.0 / Math.Max(1, values.Length);
            var line = plot.Add.ScatterLine(centres, density);
            line.LegendText = $"{label} (n = {values.Length})";
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel("score (larger = flagged noisy)");
        plot.YLabel("fraction of the group");
        plot.ShowLegend();
        AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, 800, 500));
    }
}
