using System.Globalization;
using System.Text;
using Winnow.Output;

namespace Winnow.Runs;

/// <summary>
/// A coreset as text: a comment line naming the training-set size the indices refer to, then
/// one kept index per line, ascending. Reading checks every index against the training set the
/// run loaded, so a selection made on other data fails loudly instead of training on wrong rows.
/// </summary>
public static class SelectionFile
{
    private const string SizePrefix = "# winnow selection of train set size ";

    public static void Write(string path, IReadOnlyList<int> kept, int trainCount)
    {
        var text = new StringBuilder();
        text.Append(SizePrefix).Append(trainCount.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var index in kept) text.Append(index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <exception cref="WinnowException">Missing file, bad line, out-of-range or duplicate index, size mismatch, empty selection.</exception>
    public static int[] Read(string path, int trainCount, string what = "selection")
    {
        if (!File.Exists(path)) throw new WinnowException($"{what} file not found: {path}");
        var seen = new bool[trainCount];
        var kept = new List<int>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.StartsWith(SizePrefix, StringComparison.Ordinal)
                && int.TryParse(line[SizePrefix.Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size)
                && size != trainCount)
                throw new WinnowException($"{path} was made for a training set of {size} samples, but this run's has {trainCount} (use the same --dataset, --train-size and --seed)");
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
                throw new WinnowException($"{path}:{lineNumber}: '{line}' is not a sample index");
            if (index < 0 || index >= trainCount)
                throw new WinnowException($"{path}:{lineNumber}: index {index} is outside the training set (0..{trainCount - 1})");
            if (seen[index]) throw new WinnowException($"{path}:{lineNumber}: index {index} appears twice");
            seen[index] = true;
            kept.Add(index);
        }
        if (kept.Count == 0) throw new WinnowException($"{what} file {path} holds no sample index");
        return kept.Order().ToArray();
    }
}
