namespace Winnow.Experiments;

/// <summary>DIR/failures.jsonl (one per shard, as results are): the runs of a grid that failed (<see cref="RunFailure"/>), appended atomically.</summary>
public static class FailureStore
{
    public const string FileName = "failures.jsonl";

    public static string PathIn(string directory, GridShard? shard = null) => Path.Combine(directory, (shard ?? GridShard.Whole).FileName(FileName));

    public static IReadOnlyList<RunFailure> Read(string directory) =>
        ShardFiles.AllOf(directory, FileName).SelectMany(path => JsonLinesFile.Read<RunFailure>(path, "a failed run")).ToArray();

    public static void Append(string directory, RunFailure failure, GridShard? shard = null) => JsonLinesFile.Append(PathIn(directory, shard), failure);
}
