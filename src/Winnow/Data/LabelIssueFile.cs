using System.Globalization;

namespace Winnow.Data;

/// <summary>
/// The samples a file marks, by source row (the row of the dataset's training split, as
/// <c>winnow detect</c> writes it): a label_issues.csv, whose rows with is_label_issue = 1 count,
/// with their given and suggested labels; or a plain list of source rows, one a line.
/// </summary>
public sealed record LabelIssueFile(string Path, IReadOnlyDictionary<int, (int Given, int Suggested)?> Rows)
{
    private const string IssuesHeader = "rank,index,source_row,given_label";

    /// <param name="needSuggestions">Relabeling: the file must be a label_issues.csv, which holds the suggested labels.</param>
    public static LabelIssueFile Read(string path, bool needSuggestions)
    {
        if (!File.Exists(path)) throw new WinnowException($"label issue file not found: {path}");
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WinnowException($"cannot read {path}: {e.Message}");
        }
        var rows = new Dictionary<int, (int, int)?>();
        if (lines.Length > 0 && lines[0].StartsWith(IssuesHeader, StringComparison.Ordinal))
        {
            var header = lines[0].Split(',');
            int Column(string name) => Array.IndexOf(header, name) is var c and >= 0 ? c : throw new WinnowException($"{path} has no column {name}");
            var (row, given, suggested, flagged) = (Column("source_row"), Column("given_label"), Column("suggested_label"), Column("is_label_issue"));
            for (var l = 1; l < lines.Length; l++)
            {
                if (lines[l].Length == 0) continue;
                var fields = Readers.CsvReader.Split(lines[l]);
                if (fields.Length != header.Length) throw new WinnowException($"{path}:{l + 1} has {fields.Length} fields, the header has {header.Length}");
                if (fields[flagged] != "1") continue;
                var source = Number(path, l, fields[row]);
                if (!rows.TryAdd(source, (Number(path, l, fields[given]), Number(path, l, fields[suggested]))))
                    throw new WinnowException($"{path}:{l + 1}: source row {source} is listed twice");
            }
            return new LabelIssueFile(path, rows);
        }
        if (needSuggestions)
            throw new WinnowException($"{path} is not a label_issues.csv of winnow detect: relabeling needs its suggested labels");
        for (var l = 0; l < lines.Length; l++)
        {
            var text = lines[l].Trim();
            if (text.Length == 0) continue;
            var source = Number(path, l, text);
            if (!rows.TryAdd(source, null)) throw new WinnowException($"{path}:{l + 1}: source row {source} is listed twice");
        }
        return new LabelIssueFile(path, rows);
    }

    private static int Number(string path, int line, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new WinnowException($"{path}:{line + 1}: '{text}' is not a sample row");
}
