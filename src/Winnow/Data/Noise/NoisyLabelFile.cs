using System.Globalization;

namespace Winnow.Data.Noise;

/// <summary>
/// Real noisy labels (e.g. CIFAR-10N / CIFAR-100N exported to text), aligned with the full
/// training split: one integer label per line, or CSV rows "index,label" (a header row is
/// skipped). Every training sample must get exactly one label in 0..C−1.
/// </summary>
public static class NoisyLabelFile
{
    public static int[] Read(string path, int trainCount, int classCount)
    {
        if (!File.Exists(path)) throw new WinnowException($"noisy label file not found: {path}");
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {path}: {e.Message}");
        }

        var rows = lines.Select((text, i) => (Fields: text.Split(',', StringSplitOptions.TrimEntries), Line: i + 1))
            .Where(r => !(r.Fields.Length == 1 && r.Fields[0].Length == 0)).ToList();
        if (rows.Count > 0 && !int.TryParse(rows[0].Fields[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            rows.RemoveAt(0);
        if (rows.Count != trainCount)
            throw new WinnowException($"{path} holds {rows.Count} labels but the training split has {trainCount} samples");

        var labels = Enumerable.Repeat(-1, trainCount).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            var (fields, line) = rows[r];
            if (fields.Length > 2) throw new WinnowException($"{path}:{line}: expected 'label' or 'index,label', found {fields.Length} fields");
            var index = r;
            if (fields.Length == 2 && (!int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out index) || index < 0 || index >= trainCount))
                throw new WinnowException($"{path}:{line}: '{fields[0]}' is not a sample index in 0..{trainCount - 1}");
            if (!int.TryParse(fields[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0 || label >= classCount)
                throw new WinnowException($"{path}:{line}: '{fields[^1]}' is not a class in 0..{classCount - 1}");
            if (labels[index] >= 0) throw new WinnowException($"{path}:{line}: sample {index} is labelled twice");
            labels[index] = label;
        }
        return labels;
    }
}
