using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Winnow.Settings;

/// <summary>
/// One declared setting as the front ends see it: its full name (with the group prefix), label,
/// help, value type, default, range and allowed values; it parses text into a value, checks a
/// value, and reads or replaces the value inside an options record.
/// </summary>
public sealed class Setting
{
    private readonly PropertyInfo[] _path;
    private readonly SettingAttribute _declared;
    private readonly Func<IReadOnlyList<string>>? _choices;
    private readonly Regex? _pattern;

    internal Setting(PropertyInfo[] path, SettingAttribute declared, string prefix, object? defaultValue, bool nullable)
    {
        _path = path;
        _declared = declared;
        Name = prefix + declared.Name;
        Label = declared.Label ?? Name.Replace('-', ' ');
        var type = path[^1].PropertyType;
        ValueType = Nullable.GetUnderlyingType(type) ?? type;
        IsNullable = nullable;
        IsRequired = path[^1].CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute");
        Default = IsRequired ? null : defaultValue;
        // A catalogue is read at each use, so entries registered later (a user's model) are choices too.
        var names = ValueType.IsEnum ? Enum.GetNames(ValueType).Select(KebabCase).ToArray() : null;
        _choices = names is not null ? () => names : declared.Choices is { } catalogue ? () => CatalogueNames(catalogue) : null;
        _pattern = declared.Pattern is { } pattern ? new Regex($"^(?:{pattern})$") : null;
    }

    /// <summary>kebab-case, with the group prefix: "batch-size", "sop-lr-u".</summary>
    public string Name { get; }

    /// <summary>The name in grid files: "batch_size".</summary>
    public string Key => Name.Replace('-', '_');

    public string Label { get; }

    public string Help => _declared.Help;

    /// <summary>int, double, bool, string or an enum (nullable or not, see <see cref="IsNullable"/>).</summary>
    public Type ValueType { get; }

    public bool IsNullable { get; }

    /// <summary>The value a new record holds; null for a required setting, which has none.</summary>
    public object? Default { get; }

    /// <summary>Whether the record declares the setting <c>required</c>: it has no default and must be given.</summary>
    public bool IsRequired { get; }

    /// <summary>The word for null ("auto"), when null has one.</summary>
    public string? NullWord => _declared.NullWord;

    /// <summary>The values allowed (enum members, catalogue names); null when any value of the type goes.</summary>
    public IReadOnlyList<string>? Choices => _choices?.Invoke();

    /// <summary>The record type the setting was declared on (the innermost for a group).</summary>
    public Type DeclaringType => _path[^1].DeclaringType!;

    /// <summary>Parses the text of a value (command line, YAML); throws a <see cref="SettingException"/> naming what is wrong.</summary>
    public object? Parse(string text)
    {
        var value = text.Trim();
        if (NullWord is not null && value == NullWord) return null;
        if (IsNullable && value.Length == 0) return null;
        if (ValueType == typeof(string)) return Checked(Choices is null ? value : value.ToLowerInvariant());
        if (ValueType == typeof(bool))
            return value is "true" or "false" ? value == "true" : throw new SettingException(this, $"must be true or false (got '{text}')");
        if (ValueType == typeof(int))
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)) return Checked(whole);
            // 8.0 and 1e3 are whole numbers too (JSON writers produce them).
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real == Math.Floor(real) && Math.Abs(real) <= int.MaxValue
                ? Checked((int)real)
                : throw new SettingException(this, $"must be a whole number{(NullWord is null ? "" : $" or {NullWord}")} (got '{text}')");
        }
        if (ValueType == typeof(double))
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? Checked(number)
                : throw new SettingException(this, $"must be a number{(NullWord is null ? "" : $" or {NullWord}")} (got '{text}')");
        if (ValueType.IsEnum)
        {
            var index = Array.IndexOf(Choices!.ToArray(), value.ToLowerInvariant());
            return index >= 0 ? Enum.GetValues(ValueType).GetValue(index) : throw Unknown(value);
        }
        throw new InvalidOperationException($"setting {Name} has a type the settings layer does not read: {ValueType}");
    }

    /// <summary>Throws a <see cref="SettingException"/> when the value is outside the declared range or choices.</summary>
    public object? Checked(object? value)
    {
        if (value is null)
        {
            if (!IsNullable) throw new SettingException(this, "must be given");
            return null;
        }
        if (value is string text && Choices is { } choices && !choices.Contains(text)) throw Unknown(text);
        if (value is string written && _pattern is not null && !_pattern.IsMatch(written))
            throw new SettingException(this, $"must be {_declared.PatternHelp ?? $"of the form {_declared.Pattern}"} (got '{written}')");
        if (value is int or double)
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (!double.IsFinite(number)) throw new SettingException(this, $"must be a finite number (got {Format(value)})");
            var low = _declared.Min;
            var high = _declared.Max;
            var belowLow = !double.IsNaN(low) && (_declared.MinExclusive ? number <= low : number < low);
            var aboveHigh = !double.IsNaN(high) && (_declared.MaxExclusive ? number >= high : number > high);
            if (belowLow || aboveHigh) throw new SettingException(this, $"{RangeText()} (got {Format(value)})");
        }
        return value;
    }

    /// <summary>"must be at least 1", "must be in [0, 1)", "must be above 0".</summary>
    public string RangeText()
    {
        var low = _declared.Min;
        var high = _declared.Max;
        if (double.IsNaN(low) && double.IsNaN(high)) return "is out of range";
        if (double.IsNaN(high)) return _declared.MinExclusive ? $"must be above {Format(low)}" : $"must be at least {Format(low)}";
        if (double.IsNaN(low)) return _declared.MaxExclusive ? $"must be below {Format(high)}" : $"must be at most {Format(high)}";
        return $"must be in {(_declared.MinExclusive ? '(' : '[')}{Format(low)}, {Format(high)}{(_declared.MaxExclusive ? ')' : ']')}";
    }

    /// <summary>The value as the command line and grid files write it.</summary>
    public string Format(object? value) => value switch
    {
        null => NullWord ?? "",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        Enum e => KebabCase(e.ToString()),
        _ => value.ToString() ?? "",
    };

    /// <summary>The value inside <paramref name="record"/> (an instance of the type the setting was listed for).</summary>
    public object? Get(object record)
    {
        object? current = record;
        foreach (var property in _path) current = current is null ? null : property.GetValue(current);
        return current;
    }

    /// <summary>A copy of <paramref name="record"/> with this setting's value replaced (checked first).</summary>
    public T With<T>(T record, object? value) where T : class => (T)With(record, 0, Checked(value));

    private object With(object record, int depth, object? value)
    {
        var copy = RecordCopy.Of(record);
        var property = _path[depth];
        property.SetValue(copy, depth == _path.Length - 1 ? value : With(property.GetValue(record)!, depth + 1, value));
        return copy;
    }

    private SettingException Unknown(string value) =>
        new(this, $"must be one of {string.Join(", ", Choices!)} (got '{value}')");

    internal static string KebabCase(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static IReadOnlyList<string> CatalogueNames(Type catalogue) =>
        catalogue.GetProperty("Names", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string>
        ?? throw new InvalidOperationException($"{catalogue.Name} has no static Names list");
}
