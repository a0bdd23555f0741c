namespace Winnow.Experiments;

/// <summary>
/// DIR/results.jsonl: one JSON object per finished run, appended atomically
/// (<see cref="JsonLinesFile"/>). A kill loses at most the run in progress.
/// </summary>
public static class ResultStore
{
    public const string FileName = "results.jsonl";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static IReadOnlyList<ResultRow> Read(string directory) => JsonLinesFile.Read<ResultRow>(PathIn(directory), "a result row");

    public static void Append(string directory, ResultRow row) => JsonLinesFile.Append(PathIn(directory), row);
}
