namespace Winnow.Output;

/// <summary>
/// A PNG of a K×K matrix of shares (confident learning's estimated joint of given and true
/// labels): one shaded cell each, given label down the rows, true label across, each cell's value
/// written in it. Drawn as rectangles rather than a heatmap so that rows and columns cannot come
/// out flipped.
/// </summary>
public static class JointPlot
{
    public static void Write(string path, string title, double[,] joint, IReadOnlyList<string> classNames)
    {
        var k = joint.GetLength(0);
        var max = Math.Max(joint.Cast<double>().Max(), 1e-12);
        var colormap = new ScottPlot.Colormaps.Viridis();
        var plot = new ScottPlot.Plot();
        for (var given = 0; given < k; given++)
        {
            for (var truth = 0; truth < k; truth++)
            {
                // Row 0 at the top, as in a printed matrix.
                var top = k - given;
                var cell = plot.Add.Rectangle(truth, truth + 1, top - 1, top);
                cell.FillStyle.Color = colormap.GetColor(joint[given, truth] / max);
                cell.LineStyle.Width = 0;
                var text = plot.Add.Text(joint[given, truth].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), truth + 0.5, top - 0.5);
                text.LabelFontSize = k <= 10 ? 12 : 7;
                text.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                text.LabelFontColor = joint[given, truth] / max > 0.6 ? ScottPlot.Colors.Black : ScottPlot.Colors.White;
            }
        }
        var centres = Enumerable.Range(0, k).Select(i => i + 0.5).ToArray();
        var names = classNames.Take(k).ToArray();
        plot.Axes.Bottom.SetTicks(centres, names);
        plot.Axes.Left.SetTicks(centres.Select(c => k - c).ToArray(), names);
        plot.Axes.SetLimits(0, k, 0, k);
        plot.Title(title);
        plot.XLabel("estimated true label");
        plot.YLabel("given label");
        var size = Math.Clamp(80 * k + 200, 500, 1600);
        AtomicFile.WriteVia(path, temporary => plot.SavePng(temporary, size, size));
    }
}
