using System.Globalization;
using System.Text;
using Winnow.Data;
using Winnow.Output;

namespace Winnow.Runs;

/// <summary>
/// A coreset as text: a comment line naming the training set the indices refer to (dataset,
/// size and content hash, <see cref="TrainingSetIdentity"/>), then one kept index per line,
/// ascending. <see cref="Read"/> refuses a selection made for any other training set — the same
/// size of another seed's subset included — instead of training on wrong rows.
/// </summary>
public static class SelectionFile
{
    private const string SizePrefix = "# winnow selection of train set size ";
    private const string IdentityPrefix = " from ";
    private const string HashPrefix = ", content sha256 ";

    public static void Write(string path, IReadOnlyList<int> kept, TrainingSetIdentity identity)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{SizePrefix}{identity.Count}{IdentityPrefix}{identity.Dataset}{HashPrefix}{identity.Sha256}\n");
        foreach (var index in kept) text.Append(index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>A selection written by <see cref="Write"/>, checked against the training set it is used on.</summary>
    /// <exception cref="WinnowException">Missing file, no or another training set's identity, bad line, out-of-range or duplicate index, empty selection.</exception>
    public static int[] Read(string path, TrainingSetIdentity identity)
    {
        var made = ReadIdentity(path)
            ?? throw new WinnowException($"{path} does not say which training set it was made for (a selection written by winnow prune starts with '{SizePrefix.Trim()} … {HashPrefix.Trim(',', ' ')} …'); make it again with winnow prune");
        if (made.Count != identity.Count || made.Sha256 != identity.Sha256)
            throw new WinnowException($"{path} was made for another training set ({made.Describe()}) than this run's ({identity.Describe()}); use the same dataset, train size and seed");
        return ReadIndices(path, identity.Count, "selection");
    }

    /// <summary>
    /// Any index list (one index a line, '#' comments), e.g. a trusted reference set: checked
    /// against the training set's size, and against its identity when the file names one.
    /// </summary>
    public static int[] ReadIndices(string path, TrainingSetIdentity identity, string what)
    {
        if (ReadIdentity(path) is { } made && (made.Count != identity.Count || made.Sha256 != identity.Sha256))
            throw new WinnowException($"{path} was made for another training set ({made.Describe()}) than this run's ({identity.Describe()})");
        return ReadIndices(path, identity.Count, what);
    }

    private static TrainingSetIdentity? ReadIdentity(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"file not found: {path}");
        var first = File.ReadLines(path).FirstOrDefault() ?? "";
        if (!first.StartsWith(SizePrefix, StringComparison.Ordinal)) return null;
        var rest = first[SizePrefix.Length..];
        var from = rest.IndexOf(IdentityPrefix, StringComparison.Ordinal);
        var hash = rest.LastIndexOf(HashPrefix, StringComparison.Ordinal);
        if (from < 0 || hash < from || !int.TryParse(rest[..from], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            return null;
        return new TrainingSetIdentity(rest[(from + IdentityPrefix.Length)..hash], count, rest[(hash + HashPrefix.Length)..].Trim());
    }

    private static int[] ReadIndices(string path, int trainCount, string what)
    {
        var seen = new bool[trainCount];
        var kept = new List<int>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
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
