using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Winnow.Settings;

namespace Winnow.Output;

/// <summary>
/// One JSON style for every file Winnow writes: snake_case keys (what Python users read),
/// indented. A declared setting keeps its declared name (<c>lr</c>, <c>sop</c> …), so a run's
/// spec.json reads like the grid file and the command line that made it.
/// </summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DeclaredNames } },
    };

    private static void DeclaredNames(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            var member = property.AttributeProvider as PropertyInfo;
            if (member?.GetCustomAttribute<SettingAttribute>() is { } setting) property.Name = setting.Name.Replace('-', '_');
            else if (member?.GetCustomAttribute<SettingGroupAttribute>() is { } group) property.Name = group.Prefix;
        }
    }

    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, Serialize(value) + "\n");

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new WinnowException($"{path} holds no JSON value");
        }
        catch (JsonException e)
        {
            throw new WinnowException($"{path} is not valid JSON: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new WinnowException($"{path} does not exist");
        }
    }
}
