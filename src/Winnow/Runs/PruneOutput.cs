using System.Globalization;
using System.Text;
using Winnow.Output;

namespace Winnow.Runs;

/// <summary>
/// The files of a static-pruning run: scores.csv (index, label, noisy, score; path for image
/// folders), selection.txt (kept indices with the training set's identity, see
/// <see cref="SelectionFile"/>), selection_paths.csv (image folders: the kept samples' files) and
/// selection.json (the <see cref="RunRecord"/>).
/// </summary>
public static class PruneOutput
{
    public const string ScoresFile = "scores.csv";
    public const string SelectionTextFile = "selection.txt";
    public const string SelectionJsonFile = "selection.json";
    public const string SelectionPathsFile = "selection_paths.csv";

    public static void Write(string directory, RunResult run)
    {
        var selection = run.Selection ?? throw new InvalidOperationException("the run selected no coreset");
        var train = run.Data.Train;
        var paths = run.Data.TrainPaths;
        var csv = new StringBuilder(paths is null ? "index,label,noisy,score\n" : "index,label,noisy,score,path\n");
        var noisy = train.NoisyMask;
        var values = selection.Scores.Values;
        for (var i = 0; i < train.Count; i++)
        {
            var flag = noisy is null ? "" : noisy[i] ? "1" : "0";
            csv.Append(CultureInfo.InvariantCulture, $"{i},{train.Labels[i]},{flag},{values[i].ToString("R", CultureInfo.InvariantCulture)}");
            if (paths is not null) csv.Append(',').Append(CsvField.Quote(paths[i]));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(directory, ScoresFile), csv.ToString());
        SelectionFile.Write(Path.Combine(directory, SelectionTextFile), selection.Kept, run.Data.Identity);
        // Image folders: the kept samples' files, so the coreset can be copied or inspected.
        if (paths is not null)
            AtomicFile.WriteAllText(Path.Combine(directory, SelectionPathsFile),
                "index,path\n" + string.Concat(selection.Kept.Select(i => $"{i},{CsvField.Quote(paths[i])}\n")));
        Json.Write(Path.Combine(directory, SelectionJsonFile), run.Record);
    }
}
