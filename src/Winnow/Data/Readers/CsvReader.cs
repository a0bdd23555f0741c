using System.Globalization;
using System.Text;

namespace Winnow.Data.Readers;

/// <summary>
/// A table of numeric features with one label column (the last unless told otherwise).
/// The first row is a header when any of its feature fields is not a number. Labels may be
/// numbers or names; classes are the distinct labels of the training file, numbers in numeric
/// order and names in ordinal order. Written by hand rather than taken from a CSV package:
/// numeric tables need only comma splitting with optional double quotes, and the errors must
/// name the file, line and column.
/// </summary>
public static class CsvReader
{
    /// <summary>A parsed table: feature rows, raw label strings and the header when there is one.</summary>
    public sealed record Table(float[] Features, int FeatureCount, string[] Labels, string[]? Header);

    public static Table Read(string path, string? labelColumn)
    {
        if (!File.Exists(path)) throw new WinnowException($"data file not found: {path}");
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {path}: {e.Message}");
        }
        var rows = lines.Select((text, number) => (Fields: Split(text), Line: number + 1))
            .Where(r => !(r.Fields.Length == 1 && r.Fields[0].Trim().Length == 0)).ToList();
        if (rows.Count == 0) throw new WinnowException($"{path} is empty");

        var width = rows[0].Fields.Length;
        if (width < 2) throw new WinnowException($"{path} needs at least one feature column and a label column, found {width} column(s)");
        var hasHeader = !IsNumeric(rows[0].Fields, LabelIndex(null, labelColumn, width, path, allowName: true));
        var header = hasHeader ? rows[0].Fields.Select(f => f.Trim()).ToArray() : null;
        var labelIndex = LabelIndex(header, labelColumn, width, path, allowName: false);
        if (hasHeader) rows.RemoveAt(0);
        if (rows.Count == 0) throw new WinnowException($"{path} has a header but no data rows");

        var features = new float[rows.Count * (width - 1)];
        var labels = new string[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var (fields, line) = rows[r];
            if (fields.Length != width)
                throw new WinnowException($"{path}:{line} has {fields.Length} fields, the first row has {width}");
            var column = 0;
            for (var c = 0; c < width; c++)
            {
                if (c == labelIndex) continue;
                if (!float.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                    throw new WinnowException($"{path}:{line} column {c + 1}: '{fields[c].Trim()}' is not a finite number");
                features[r * (width - 1) + column++] = value;
            }
            labels[r] = fields[labelIndex].Trim();
            if (labels[r].Length == 0) throw new WinnowException($"{path}:{line} has an empty label");
        }
        return new Table(features, width - 1, labels, header);
    }

    /// <summary>Class names in class-index order: numeric labels sorted as numbers, others ordinally.</summary>
    public static string[] ClassNames(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        return distinct.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? distinct.OrderBy(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray()
            : distinct.OrderBy(l => l, StringComparer.Ordinal).ToArray();
    }

    private static int LabelIndex(string[]? header, string? labelColumn, int width, string path, bool allowName)
    {
        if (labelColumn is null) return width - 1;
        if (int.TryParse(labelColumn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
        {
            if (index < 0 || index >= width)
                throw new WinnowException($"label column {index} is outside the {width} columns of {path} (columns count from 0)");
            return index;
        }
        if (header is null)
        {
            // Named column: the first row must be a header; judge it by every column except the last.
            if (allowName) return width - 1;
            throw new WinnowException($"label column '{labelColumn}' is a name, but {path} has no header row");
        }
        var named = Array.IndexOf(header, labelColumn);
        if (named < 0) throw new WinnowException($"{path} has no column named '{labelColumn}'; its columns are {string.Join(", ", header)}");
        return named;
    }

    private static bool IsNumeric(string[] fields, int labelIndex) =>
        fields.Where((_, c) => c != labelIndex)
            .All(f => float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>Splits one line on commas, honouring double-quoted fields with "" escapes.</summary>
    internal static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
