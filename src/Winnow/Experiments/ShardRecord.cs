using Winnow.Output;

namespace Winnow.Experiments;

/// <summary>
/// DIR/shard-K-of-N.json, written by a shard when it starts: which grid it belongs to and the
/// hashes of its runs, so <c>winnow report DIR</c> can tell which shards of N never started and
/// which have runs still to do, without the grid file.
/// </summary>
public sealed record ShardRecord(string GridHash, int Index, int Count, IReadOnlyList<string> Runs)
{
    public const string Plain = "shard.json";

    public GridShard Shard => new(Index, Count);

    public static void Write(string directory, GridShard shard, string gridHash, IEnumerable<GridRun> runs) =>
        Json.Write(Path.Combine(directory, shard.FileName(Plain)), new ShardRecord(gridHash, shard.Index, shard.Count, runs.Select(r => r.Hash).ToArray()));

    /// <summary>Every shard record in the folder (the whole grid, 1/1, writes none).</summary>
    public static IReadOnlyList<ShardRecord> ReadAll(string directory) =>
        ShardFiles.AllOf(directory, Plain).Select(Json.Read<ShardRecord>).ToArray();
}
