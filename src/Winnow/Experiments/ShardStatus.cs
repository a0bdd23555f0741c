namespace Winnow.Experiments;

/// <summary>
/// How far one shard of a sharded grid got, from its <see cref="ShardRecord"/> and the results
/// of every shard: missing (it never started, so its runs are unknown here), incomplete (runs
/// neither finished nor failed), or complete.
/// </summary>
public sealed record ShardStatus(GridShard Shard, bool Started, int Runs, int Finished, int Failed)
{
    public bool Complete => Started && Finished + Failed == Runs;

    public string Describe() => Started
        ? $"shard {Shard}: {(Complete ? "complete" : "incomplete")} ({Finished} of {Runs} runs finished{(Failed > 0 ? $", {Failed} failed" : "")})"
        : $"shard {Shard}: missing (never started)";

    /// <summary>Every shard of every shard count the folder's current grid was run with.</summary>
    public static IReadOnlyList<ShardStatus> Of(IReadOnlyList<ShardRecord> records, string gridHash, ISet<string> finished, ISet<string> failed)
    {
        var current = records.Where(r => r.GridHash == gridHash).ToArray();
        var statuses = new List<ShardStatus>();
        foreach (var count in current.Select(r => r.Count).Distinct().Order())
            for (var index = 1; index <= count; index++)
            {
                var record = current.FirstOrDefault(r => r.Count == count && r.Index == index);
                statuses.Add(record is null
                    ? new ShardStatus(new GridShard(index, count), false, 0, 0, 0)
                    : new ShardStatus(record.Shard, true, record.Runs.Count, record.Runs.Count(finished.Contains),
                        record.Runs.Count(h => !finished.Contains(h) && failed.Contains(h))));
            }
        return statuses;
    }
}
