using System.Collections.Concurrent;
using System.Reflection;

namespace Winnow.Settings;

/// <summary>
/// The settings declared on an options record (<see cref="SettingAttribute"/>), nested groups
/// flattened (<see cref="SettingGroupAttribute"/>), in declaration order; and validation of a
/// record against its declarations.
/// </summary>
public static class Declared
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Setting>> Cache = new();
    private static readonly NullabilityInfoContext Nullability = new();

    public static IReadOnlyList<Setting> Of<T>() => Of(typeof(T));

    public static IReadOnlyList<Setting> Of(Type type) => Cache.GetOrAdd(type, t => Collect(t, [], "", Activator.CreateInstance(t)!));

    /// <summary>The setting named <paramref name="name"/> (kebab-case, with its group prefix).</summary>
    public static Setting Named<T>(string name) =>
        Of<T>().FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"{typeof(T).Name} declares no setting '{name}'", nameof(name));

    /// <summary>Checks every declared value of <paramref name="record"/> against its range and choices.</summary>
    /// <exception cref="SettingException">The first value out of range.</exception>
    public static void Validate<T>(T record) where T : class
    {
        foreach (var setting in Of(record.GetType())) setting.Checked(setting.Get(record));
    }

    private static IReadOnlyList<Setting> Collect(Type type, PropertyInfo[] path, string prefix, object defaults)
    {
        var settings = new List<Setting>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var full = path.Append(property).ToArray();
            if (property.GetCustomAttribute<SettingAttribute>() is { } declared)
            {
                var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                    || (!property.PropertyType.IsValueType && Nullability.Create(property).WriteState == NullabilityState.Nullable);
                settings.Add(new Setting(full, declared, prefix, property.GetValue(defaults), nullable));
            }
            else if (property.GetCustomAttribute<SettingGroupAttribute>() is { } group)
            {
                settings.AddRange(Collect(property.PropertyType, full, $"{prefix}{group.Prefix}-", property.GetValue(defaults)!));
            }
        }
        return settings;
    }
}
