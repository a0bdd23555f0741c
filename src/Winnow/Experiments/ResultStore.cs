namespace Winnow.Experiments;

/// <summary>
/// DIR/results.jsonl (DIR/results.shard-K-of-N.jsonl for a shard): one JSON object per finished
/// run, appended atomically (<see cref="JsonLinesFile"/>); each shard appends to its own file,
/// so no two processes write one, and reading takes every shard's. A kill loses at most the run in progress.
/// </summary>
public static class ResultStore
{
    public const string FileName = "results.jsonl";

    public static string PathIn(string directory, GridShard? shard = null) => Path.Combine(directory, (shard ?? GridShard.Whole).FileName(FileName));

    /// <summary>The rows of the plain file and of every shard's.</summary>
    public static IReadOnlyList<ResultRow> Read(string directory) =>
        ShardFiles.AllOf(directory, FileName).SelectMany(path => JsonLinesFile.Read<ResultRow>(path, "a result row")).ToArray();

    public static void Append(string directory, ResultRow row, GridShard? shard = null) => JsonLinesFile.Append(PathIn(directory, shard), row);
}
