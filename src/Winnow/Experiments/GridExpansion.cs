using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>
/// Expands a grid into its runs, each a <see cref="RunSpec"/> checked where its arm is written:
/// per block, dataset × noise × seed × arm, and × kept fraction for static arms. The order is the
/// order runs execute and results are appended in: grouped by dataset × noise × seed (first
/// appearance), full-data arms first within a group (they are the teachers), then arms and
/// fractions in file order. A run two blocks have in common (same hash) appears once.
/// </summary>
public static class GridExpansion
{
    public static IReadOnlyList<GridRun> Expand(GridSpec grid)
    {
        var runs = new List<GridRun>();
        var seen = new HashSet<string>();
        var labels = new Dictionary<string, string>();   // label → arm identity
        var identities = new Dictionary<string, string>(); // arm identity → label
        var device = grid.ResolvedDevice();
        foreach (var block in grid.Blocks)
        {
            var where = block.Name is null ? "" : $" (block '{block.Name}')";
            var ordered = block.Arms.Where(a => a.Kind == "full").Concat(block.Arms.Where(a => a.Kind != "full")).ToArray();
            foreach (var dataset in block.Datasets)
            foreach (var noise in block.Noises)
            foreach (var seed in block.Seeds)
            foreach (var arm in ordered)
            foreach (var fraction in arm.Pruning is StaticPruning ? block.Fractions.Select(f => (double?)f) : [null])
            {
                var spec = new RunSpec
                {
                    Data = dataset.Data with { Noise = noise.Value },
                    Seed = seed,
                    Model = block.Model?.Value,
                    Init = block.Init?.Value,
                    InitStrict = block.InitStrict,
                    Trainer = block.Trainer,
                    Learner = arm.Learner,
                    Pruning = arm.Pruning is StaticPruning s ? s with { Fraction = fraction!.Value } : arm.Pruning,
                    Device = device,
                };
                GridFile.Checked(arm.Node, spec.Validate);
                var identity = ArmIdentity(spec);
                if (labels.TryGetValue(arm.Label, out var other) && other != identity)
                    throw arm.Node.Error($"the label '{arm.Label}' names two different arms{where}; give each a distinct \"label\"");
                if (identities.TryGetValue(identity, out var otherLabel) && otherLabel != arm.Label)
                    throw arm.Node.Error($"arms '{otherLabel}' and '{arm.Label}' are the same arm with the same settings{where}; keep one label for it");
                labels[arm.Label] = identity;
                identities[identity] = arm.Label;
                var hash = spec.Hash();
                if (!seen.Add(hash)) continue;
                runs.Add(new GridRun(hash, arm.Label, spec, arm, dataset.Display, noise.Value, fraction, spec.TeacherSpec().Hash()));
            }
            var twice = block.Arms.GroupBy(a => a.Label).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw twice.Last().Node.Error($"the arm '{twice.Key}' appears twice{where}");
        }
        var groupOrder = new List<string>();
        foreach (var run in runs)
        {
            if (!groupOrder.Contains(run.GroupKey)) groupOrder.Add(run.GroupKey);
        }
        return runs
            .Select((run, index) => (run, index))
            .OrderBy(p => groupOrder.IndexOf(p.run.GroupKey))
            .ThenBy(p => p.run.Kind == "full" ? 0 : 1)
            .ThenBy(p => p.index)
            .Select(p => p.run)
            .ToArray();
    }

    /// <summary>The grid's identity: SHA-256 of its sorted run hashes, so layout, order and labels do not matter, and any change to a run does.</summary>
    public static string GridHash(IEnumerable<GridRun> runs) => Output.CanonicalJson.Sha256(string.Join("\n", runs.Select(r => r.Hash).Order(StringComparer.Ordinal)));

    /// <summary>The arm with its training settings, without the axes: what one line of a report stands for.</summary>
    private static string ArmIdentity(RunSpec spec) => (spec with
    {
        Data = new Data.DataSpec(),
        Seed = 0,
        Pruning = spec.Pruning is StaticPruning s ? s with { Fraction = 1 } : spec.Pruning,
    }).Hash();
}
