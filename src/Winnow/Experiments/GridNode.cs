using System.Globalization;

namespace Winnow.Experiments;

/// <summary>
/// A grid file as a tree that remembers where each value sits — its line and its key path such
/// as <c>arms[2].learner</c> — so that every validation error names the offending key and line,
/// whether the file was JSON or YAML.
/// </summary>
public abstract class GridNode(string file, int line, string path)
{
    public string File { get; } = file;

    /// <summary>1-based line of the value in the file.</summary>
    public int Line { get; } = line;

    /// <summary>Key path from the root ("" for the root itself).</summary>
    public string Path { get; } = path;

    /// <summary>A one-line error: file:line: key path: message.</summary>
    public WinnowException Error(string message) =>
        new($"{File}:{Line}: {(Path.Length == 0 ? "" : Path + ": ")}{message}");

    public abstract string Kind { get; }
}

/// <summary>A mapping, its keys in file order (each key with the line it is written on).</summary>
public sealed class GridMap(string file, int line, string path, IReadOnlyList<(string Key, GridNode Value)> entries)
    : GridNode(file, line, path)
{
    public IReadOnlyList<(string Key, GridNode Value)> Entries { get; } = entries;

    public override string Kind => "a mapping";

    public GridNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;

    /// <summary>Fails on the first key not in <paramref name="known"/>, naming it and the known ones.</summary>
    public void RequireKnownKeys(string what, params string[] known)
    {
        foreach (var (key, value) in Entries)
        {
            if (!known.Contains(key))
                throw value.Error($"unknown key '{key}' in {what} (known: {string.Join(", ", known)})");
        }
    }
}

/// <summary>A sequence.</summary>
public sealed class GridList(string file, int line, string path, IReadOnlyList<GridNode> items) : GridNode(file, line, path)
{
    public IReadOnlyList<GridNode> Items { get; } = items;

    public override string Kind => "a list";
}

/// <summary>How a scalar was written: JSON types, or a YAML plain scalar whose type is read from its text.</summary>
public enum ScalarKind
{
    String,
    Number,
    Bool,
    Null,
    Plain,
}

/// <summary>A single value (string, number, boolean or null) with its text as written.</summary>
public sealed class GridScalar(string file, int line, string path, string text, ScalarKind scalarKind) : GridNode(file, line, path)
{
    public string Text { get; } = text;

    public ScalarKind ScalarKind { get; } = scalarKind;

    public override string Kind => ScalarKind switch
    {
        ScalarKind.String => "a string",
        ScalarKind.Number => "a number",
        ScalarKind.Bool => "a boolean",
        ScalarKind.Null => "null",
        _ => $"'{Text}'",
    };

    public bool IsNull => ScalarKind == ScalarKind.Null || (ScalarKind == ScalarKind.Plain && Text is "~" or "null" or "");

    public bool TryNumber(out double value)
    {
        value = 0;
        return ScalarKind is ScalarKind.Number or ScalarKind.Plain
            && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    public bool TryBool(out bool value)
    {
        value = Text == "true";
        return ScalarKind is ScalarKind.Bool or ScalarKind.Plain && Text is "true" or "false";
    }
}
