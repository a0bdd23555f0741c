using System.Diagnostics;

namespace Winnow.Experiments;

/// <summary>
/// Runs a grid into an output directory, crash-safe and resumable: everything that can be
/// checked is checked before the folder is touched (<see cref="GridExpansion"/>,
/// <see cref="GridCheck"/>), the directory is locked for the run (<see cref="GridLock"/>),
/// claimed for this grid (<see cref="GridManifest"/>), runs whose spec hash already has a result
/// are skipped, and every finished run is appended to results.jsonl at once
/// (<see cref="ResultStore"/>), every failed run to failures.jsonl (<see cref="FailureStore"/>)
/// while the grid goes on. Killing it at any moment loses at most the run in progress; running
/// it again finishes the rest. A shard (<see cref="GridShard"/>) runs only its share of the runs
/// (<see cref="ShardPlan"/>) under its own lock, into its own results and failures files, so N
/// workers of a job array fill one folder side by side; resume reads every shard's results.
/// </summary>
public static class GridRunner
{
    /// <param name="update">Let this grid take over a directory holding another grid's results (unchanged runs are reused).</param>
    /// <param name="retryFailed">Run again the runs recorded in failures.jsonl (skipped otherwise: with a fixed seed they fail the same way).</param>
    /// <param name="shard">Run only this shard's runs (the whole grid when null).</param>
    public static GridSummary Run(GridSpec grid, string directory, bool update = false, IProgress<GridProgress>? progress = null,
        CancellationToken cancellation = default, bool retryFailed = false, GridShard? shard = null)
    {
        var watch = Stopwatch.StartNew();
        shard ??= GridShard.Whole;
        var runs = GridExpansion.Expand(grid);
        GridCheck.Check(grid);
        var mine = ShardPlan.RunsOf(runs, shard);
        using var gridLock = GridLock.Acquire(directory, shard);
        var manifest = GridManifest.From(grid, runs);
        manifest.Claim(directory, update);
        if (!shard.IsWhole) ShardRecord.Write(directory, shard, manifest.Hash, mine);
        var finished = ResultStore.Read(directory).Select(r => r.Hash).ToHashSet();
        if (!retryFailed) finished.UnionWith(FailureStore.Read(directory).Select(f => f.Hash));
        var pending = mine.Where(r => !finished.Contains(r.Hash)).ToArray();
        using var session = new GridSession(directory, pending, progress, cancellation, shard);
        session.RunAll();
        return session.Summary(mine.Count, mine.Count - pending.Length, watch.Elapsed.TotalSeconds);
    }
}
