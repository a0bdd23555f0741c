using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>
/// Which shard does each run of a grid: runs that share work — a scoring context (every kept
/// fraction of a method, balanced or not), a selection, a distillation teacher and the full-data
/// arm that can be it — form one group that stays inside one shard, so nothing is scored or
/// trained twice. Groups go to shards largest first, each to the least-loaded shard by the
/// estimated samples backpropagated (ties to the lower shard), and a shard runs its runs in
/// grid order. The plan is a function of the grid and N alone: every worker computes the same.
/// </summary>
public static class ShardPlan
{
    /// <summary>The runs of <paramref name="shard"/>, in grid order.</summary>
    public static IReadOnlyList<GridRun> RunsOf(IReadOnlyList<GridRun> runs, GridShard shard)
    {
        if (shard.IsWhole) return runs;
        var assigned = Assign(runs, shard.Count);
        return runs.Where((_, i) => assigned[i] == shard.Index).ToArray();
    }

    /// <summary>The 1-based shard of every run.</summary>
    public static int[] Assign(IReadOnlyList<GridRun> runs, int count)
    {
        var groups = Groups(runs);
        var work = GridWork.Estimate(runs, _ => false);
        var load = new double[count];
        var shardOf = new int[runs.Count];
        var weighed = groups.Select(g => (Runs: g, Work: g.Sum(i => work[runs[i].Hash].Total)));
        foreach (var group in weighed.OrderByDescending(g => g.Work).ThenBy(g => g.Runs[0]))
        {
            var least = 0;
            for (var s = 1; s < count; s++) if (load[s] < load[least]) least = s;
            foreach (var i in group.Runs) shardOf[i] = least + 1;
            load[least] += group.Work;
        }
        return shardOf;
    }

    /// <summary>The sharing groups as run positions, each in grid order, in the order of their first run.</summary>
    internal static IReadOnlyList<int[]> Groups(IReadOnlyList<GridRun> runs)
    {
        var parent = Enumerable.Range(0, runs.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        void Join(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        var firstWith = new Dictionary<string, int>();
        void Share(int run, string key)
        {
            if (firstWith.TryGetValue(key, out var other)) Join(run, other);
            else firstWith[key] = run;
        }
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            Share(i, "run:" + run.Hash);
            if (run.Spec.Pruning is StaticPruning pruning) Share(i, "scoring:" + CoresetStage.ScoringKey(run.Spec, pruning));
            // The teacher is the full-data run of the same settings: the full arm's own hash when the grid has one.
            if (run.NeedsTeacher) Share(i, "run:" + run.FullHash);
        }
        return Enumerable.Range(0, runs.Count).GroupBy(Find).Select(g => g.ToArray()).OrderBy(g => g[0]).ToArray();
    }
}
