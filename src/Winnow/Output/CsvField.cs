namespace Winnow.Output;

/// <summary>One CSV field as every file Winnow writes spells it: quoted, with "" for a quote, only when it holds a comma, quote or line break.</summary>
public static class CsvField
{
    public static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
