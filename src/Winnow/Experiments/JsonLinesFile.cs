using System.Text;
using System.Text.Json;
using Winnow.Output;

namespace Winnow.Experiments;

/// <summary>
/// A file of one compact JSON object per line, appended by rewriting it atomically (temporary
/// file + rename), so a reader or a crash sees every appended line or one fewer, never half a line.
/// </summary>
public static class JsonLinesFile
{
    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    /// <param name="what">What a line holds, for the error on a line that does not parse ("a result row").</param>
    public static IReadOnlyList<T> Read<T>(string path, string what)
    {
        if (!File.Exists(path)) return [];
        var rows = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            try
            {
                rows.Add(JsonSerializer.Deserialize<T>(line, Compact) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new WinnowException($"{path}:{number}: not {what} ({e.Message.Split(" Path:")[0]}); remove or repair that line");
            }
        }
        return rows;
    }

    public static void Append<T>(string path, T row)
    {
        var existing = File.Exists(path) ? File.ReadAllBytes(path) : [];
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(row, Compact) + "\n");
        AtomicFile.Write(path, stream =>
        {
            stream.Write(existing);
            if (existing.Length > 0 && existing[^1] != (byte)'\n') stream.WriteByte((byte)'\n');
            stream.Write(line);
        });
    }
}
