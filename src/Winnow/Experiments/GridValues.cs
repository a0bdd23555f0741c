namespace Winnow.Experiments;

/// <summary>Typed reads of grid-file values; a value of the wrong type fails naming its key and line.</summary>
public static class GridValues
{
    public static GridMap AsMap(this GridNode node) =>
        node as GridMap ?? throw node.Error($"must be a mapping of keys to values (got {node.Kind})");

    public static GridList AsList(this GridNode node) =>
        node as GridList ?? throw node.Error($"must be a list (got {node.Kind})");

    public static double AsNumber(this GridNode node) =>
        node is GridScalar s && s.TryNumber(out var value) ? value : throw node.Error($"must be a number (got {node.Kind})");

    public static int AsInteger(this GridNode node)
    {
        var value = node.AsNumber();
        if (value != Math.Floor(value) || value is < int.MinValue or > int.MaxValue)
            throw node.Error($"must be a whole number (got {value})");
        return (int)value;
    }

    public static bool AsBool(this GridNode node) =>
        node is GridScalar s && s.TryBool(out var value) ? value : throw node.Error($"must be true or false (got {node.Kind})");

    /// <summary>A string; YAML plain scalars count (their text), JSON numbers and booleans do not.</summary>
    public static string AsText(this GridNode node) =>
        node is GridScalar { ScalarKind: ScalarKind.String or ScalarKind.Plain } s && !s.IsNull
            ? s.Text
            : throw node.Error($"must be a string (got {node.Kind})");

    /// <summary>The value, or null when the key is absent or null.</summary>
    public static GridNode? Optional(this GridMap map, string key) =>
        map[key] is { } node && !(node is GridScalar s && s.IsNull) ? node : null;

    public static GridNode Required(this GridMap map, string key, string what) =>
        map.Optional(key) ?? throw map.Error($"{what} needs the key '{key}'");
}
