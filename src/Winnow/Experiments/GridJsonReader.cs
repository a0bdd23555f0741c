using System.Text;
using System.Text.Json;

namespace Winnow.Experiments;

/// <summary>
/// Reads a JSON grid file into <see cref="GridNode"/>s with line numbers. System.Text.Json's
/// document model forgets positions, so this walks its reader and maps each token's byte offset
/// to a line. Comments and trailing commas are allowed (grid files are written by hand).
/// </summary>
public static class GridJsonReader
{
    public static GridNode Read(string file, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = new List<long> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') lineStarts.Add(i + 1);
        }
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read()) throw new WinnowException($"{file}: the grid file is empty");
            var root = ReadValue(ref reader, file, "", lineStarts);
            if (reader.Read()) throw new WinnowException($"{file}:{LineOf(reader.TokenStartIndex, lineStarts)}: text after the end of the grid");
            return root;
        }
        catch (JsonException e)
        {
            throw new WinnowException($"{file}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {e.Message.Split(" Path:")[0].Split(" LineNumber")[0].TrimEnd(' ', '|')}");
        }
    }

    private static GridNode ReadValue(ref Utf8JsonReader reader, string file, string path, List<long> lineStarts)
    {
        var line = LineOf(reader.TokenStartIndex, lineStarts);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<(string, GridNode)>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    var keyLine = LineOf(reader.TokenStartIndex, lineStarts);
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (entries.Any(e => e.Item1 == key)) throw new WinnowException($"{file}:{keyLine}: {childPath}: the key '{key}' appears twice");
                    reader.Read();
                    entries.Add((key, ReadValue(ref reader, file, childPath, lineStarts)));
                }
                return new GridMap(file, line, path, entries);
            case JsonTokenType.StartArray:
                var items = new List<GridNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, file, $"{path}[{items.Count}]", lineStarts));
                return new GridList(file, line, path, items);
            case JsonTokenType.String:
                return new GridScalar(file, line, path, reader.GetString()!, ScalarKind.String);
            case JsonTokenType.Number:
                return new GridScalar(file, line, path, Encoding.UTF8.GetString(reader.ValueSpan), ScalarKind.Number);
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new GridScalar(file, line, path, reader.TokenType == JsonTokenType.True ? "true" : "false", ScalarKind.Bool);
            case JsonTokenType.Null:
                return new GridScalar(file, line, path, "null", ScalarKind.Null);
            default:
                throw new WinnowException($"{file}:{line}: unexpected JSON token {reader.TokenType}");
        }
    }

    private static int LineOf(long offset, List<long> lineStarts)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
