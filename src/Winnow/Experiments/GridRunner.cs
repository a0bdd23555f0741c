using System.Diagnostics;

namespace Winnow.Experiments;

/// <summary>
/// Runs a grid into an output directory, crash-safe and resumable: the directory is locked for
/// the run (<see cref="GridLock"/>), claimed for this grid (<see cref="GridManifest"/>), runs
/// whose configuration hash already has a result are skipped, and every finished run is appended
/// to results.jsonl at once (<see cref="ResultStore"/>). Killing it at any moment loses at most
/// the run in progress; running it again finishes the rest.
/// </summary>
public static class GridRunner
{
    /// <param name="update">Let this grid take over a directory holding another grid's results (unchanged runs are reused).</param>
    public static GridSummary Run(GridSpec grid, string directory, bool update = false, IProgress<GridProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var watch = Stopwatch.StartNew();
        var runs = GridExpansion.Expand(grid);
        using var gridLock = GridLock.Acquire(directory);
        GridManifest.From(grid, runs).Claim(directory, update);
        var finished = ResultStore.Read(directory).Select(r => r.Hash).ToHashSet();
        var pending = runs.Where(r => !finished.Contains(r.Hash)).ToArray();
        var session = new GridSession(directory, pending, progress, cancellation);
        foreach (var group in pending.GroupBy(r => r.GroupKey)) session.RunGroup(group.ToArray());
        return session.Summary(runs.Count, runs.Count - pending.Length, watch.Elapsed.TotalSeconds);
    }
}
