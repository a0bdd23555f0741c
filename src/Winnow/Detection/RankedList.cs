using System.Globalization;
using System.Text;
using Winnow.Output;
using Winnow.Runs;

namespace Winnow.Detection;

/// <summary>
/// One detection score's ranked list: every training sample, most suspect first (ties in sample
/// order), with its rank, index, source row, given label and score; flagged = among the first n,
/// where n is the number of label issues confident learning found (the column is left out
/// without it), and the truth where known.
/// </summary>
public static class RankedList
{
    public static void Write(string path, RunResult run, string score, float[] values, int? flagged, bool[]? noisy)
    {
        var labels = run.Data.Train.Labels;
        var names = run.Data.Source.ClassNames;
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ToArray();
        var csv = new StringBuilder("rank,index,source_row,given_label,given_class,").Append(score);
        if (flagged is not null) csv.Append(",flagged");
        if (noisy is not null) csv.Append(",noisy");
        var paths = run.Data.TrainPaths;
        if (paths is not null) csv.Append(",path");
        csv.Append('\n');
        for (var r = 0; r < order.Length; r++)
        {
            var i = order[r];
            csv.Append(CultureInfo.InvariantCulture, $"{r + 1},{i},{run.Data.SourceIndices[i]},{labels[i]},{CsvField.Quote(names[labels[i]])},{values[i].ToString("R", CultureInfo.InvariantCulture)}");
            if (flagged is { } n) csv.Append(r < n ? ",1" : ",0");
            if (noisy is not null) csv.Append(noisy[i] ? ",1" : ",0");
            if (paths is not null) csv.Append(',').Append(CsvField.Quote(paths[i]));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
