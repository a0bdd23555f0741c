using Winnow.Settings;

namespace Winnow.Experiments;

/// <summary>
/// Reads grid-file keys into options records through the records' own declarations
/// (<see cref="SettingAttribute"/>): a key is a setting's name with underscores, its value is
/// parsed and checked as on the command line, and a bad value fails naming the file, line and key.
/// </summary>
public static class GridSettings
{
    /// <summary>The grid keys of every setting <typeparamref name="T"/> declares.</summary>
    public static string[] Keys<T>() => Declared.Of<T>().Select(s => s.Key).ToArray();

    /// <summary>Applies every entry of <paramref name="map"/> that names a setting of <typeparamref name="T"/>; other keys are left to the caller.</summary>
    public static T Read<T>(GridMap map, T record) where T : class
    {
        foreach (var (key, node) in map.Entries)
        {
            var setting = Declared.Of<T>().FirstOrDefault(s => s.Key == key);
            if (setting is null) continue;
            try
            {
                record = setting.With(record, Value(setting, node));
            }
            catch (SettingException e)
            {
                throw node.Error(e.Problem);
            }
        }
        return record;
    }

    /// <summary>One setting's value from its node (a key outside a section, such as device), checked by its declaration.</summary>
    internal static object? ReadOne(Setting setting, GridNode node)
    {
        try
        {
            return Value(setting, node);
        }
        catch (SettingException e)
        {
            throw node.Error(e.Problem);
        }
    }

    /// <summary>Whether <paramref name="map"/> sets any setting of <typeparamref name="T"/> (the first such node, or null).</summary>
    public static GridNode? FirstOf<T>(GridMap map) => map.Entries.FirstOrDefault(e => Declared.Of<T>().Any(s => s.Key == e.Key)).Value;

    /// <summary>The typed value of a scalar: JSON numbers and booleans as they are, strings and YAML plain scalars parsed from their text.</summary>
    private static object? Value(Setting setting, GridNode node)
    {
        if (node is not GridScalar scalar) throw node.Error($"must be a single value (got {node.Kind})");
        if (scalar.IsNull) return setting.Checked(null);
        var numeric = setting.ValueType == typeof(int) || setting.ValueType == typeof(double);
        var expected = setting.ValueType == typeof(bool) ? ScalarKind.Bool : numeric ? ScalarKind.Number : ScalarKind.String;
        // A JSON string for a number is refused, except the setting's word for null ("auto"); a
        // number is a fine string (a CSV label column by index).
        var textual = expected == ScalarKind.String && setting.ValueType == typeof(string);
        if (scalar.ScalarKind != ScalarKind.Plain && scalar.ScalarKind != expected && !textual
            && !(scalar.ScalarKind == ScalarKind.String && scalar.Text == setting.NullWord))
            throw node.Error($"must be {Describe(setting)} (got {node.Kind})");
        return setting.Parse(scalar.Text);
    }

    private static string Describe(Setting setting) =>
        setting.ValueType == typeof(bool) ? "true or false"
        : setting.ValueType == typeof(int) ? setting.NullWord is null ? "a whole number" : $"a whole number or \"{setting.NullWord}\""
        : setting.ValueType == typeof(double) ? setting.NullWord is null ? "a number" : $"a number or \"{setting.NullWord}\""
        : "a string";
}
