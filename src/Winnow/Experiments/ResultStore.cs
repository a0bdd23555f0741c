using System.Text;
using System.Text.Json;
using Winnow.Output;

namespace Winnow.Experiments;

/// <summary>
/// DIR/results.jsonl: one JSON object per finished run, appended by rewriting the file atomically
/// (temporary file + rename), so a reader or a crash sees every finished run or one fewer, never
/// half a line. A kill loses at most the run in progress.
/// </summary>
public static class ResultStore
{
    public const string FileName = "results.jsonl";

    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static IReadOnlyList<ResultRow> Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) return [];
        var rows = new List<ResultRow>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            try
            {
                rows.Add(JsonSerializer.Deserialize<ResultRow>(line, Compact) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new WinnowException($"{path}:{number}: not a result row ({e.Message.Split(" Path:")[0]}); remove or repair that line");
            }
        }
        return rows;
    }

    public static void Append(string directory, ResultRow row)
    {
        var path = PathIn(directory);
        var existing = File.Exists(path) ? File.ReadAllBytes(path) : [];
        var line = Encoding.UTF8.GetBytes(Serialize(row) + "\n");
        AtomicFile.Write(path, stream =>
        {
            stream.Write(existing);
            if (existing.Length > 0 && existing[^1] != (byte)'\n') stream.WriteByte((byte)'\n');
            stream.Write(line);
        });
    }

    public static string Serialize(ResultRow row) => JsonSerializer.Serialize(row, Compact);
}
