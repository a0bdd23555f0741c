namespace Winnow.Experiments;

/// <summary>
/// Expands a grid into its runs: per block, dataset × noise × seed × arm, and × kept fraction for
/// static arms. The order is the order runs execute and results are appended in: grouped by
/// dataset × noise × seed (first appearance), full-data arms first within a group (they are the
/// teachers), then arms and fractions in file order. A run two blocks have in common (same
/// hash) appears once.
/// </summary>
public static class GridExpansion
{
    public static IReadOnlyList<GridRun> Expand(GridSpec grid)
    {
        var runs = new List<GridRun>();
        var seen = new HashSet<string>();
        var labels = new Dictionary<string, string>();   // label → arm identity
        var identities = new Dictionary<string, string>(); // arm identity → label
        foreach (var block in grid.Blocks)
        {
            var where = block.Name is null ? "" : $" (block '{block.Name}')";
            var ordered = block.Arms.Where(a => a is FullArm).Concat(block.Arms.Where(a => a is not FullArm)).ToArray();
            foreach (var dataset in block.Datasets)
            foreach (var noise in block.Noises)
            foreach (var seed in block.Seeds)
            {
                var fullHash = CanonicalJson.Hash(RunConfiguration.Build(dataset, noise, seed, block.Model, block.Trainer, block.Augment, new FullArm("full", "ce"), null));
                foreach (var arm in ordered)
                {
                    foreach (var fraction in arm is StaticArm ? block.Fractions.Select(f => (double?)f) : [null])
                    {
                        var configuration = RunConfiguration.Build(dataset, noise, seed, block.Model, block.Trainer, block.Augment, arm, fraction);
                        var identity = RunConfiguration.ArmIdentity(configuration);
                        if (labels.TryGetValue(arm.Label, out var other) && other != identity)
                            throw new WinnowException($"{grid.Source}: the label '{arm.Label}' names two different arms{where}; give each a distinct \"label\"");
                        if (identities.TryGetValue(identity, out var otherLabel) && otherLabel != arm.Label)
                            throw new WinnowException($"{grid.Source}: arms '{otherLabel}' and '{arm.Label}' are the same arm with the same settings{where}; keep one label for it");
                        labels[arm.Label] = identity;
                        identities[identity] = arm.Label;
                        var hash = CanonicalJson.Hash(configuration);
                        if (!seen.Add(hash)) continue;
                        runs.Add(new GridRun(hash, arm.Label, dataset, noise, seed, fraction, arm, block.Model, block.Trainer, block.Augment, fullHash, configuration));
                    }
                }
            }
            var twice = block.Arms.GroupBy(a => a.Label).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw new WinnowException($"{grid.Source}: the arm '{twice.Key}' appears twice{where}");
        }
        var groupOrder = new List<string>();
        foreach (var run in runs)
        {
            if (!groupOrder.Contains(run.GroupKey)) groupOrder.Add(run.GroupKey);
        }
        return runs
            .Select((run, index) => (run, index))
            .OrderBy(p => groupOrder.IndexOf(p.run.GroupKey))
            .ThenBy(p => p.run.Arm is FullArm ? 0 : 1)
            .ThenBy(p => p.index)
            .Select(p => p.run)
            .ToArray();
    }

    /// <summary>The grid's identity: SHA-256 of its sorted run hashes, so layout, order and labels do not matter, and any change to a run does.</summary>
    public static string GridHash(IEnumerable<GridRun> runs) => CanonicalJson.Sha256(string.Join("\n", runs.Select(r => r.Hash).Order(StringComparer.Ordinal)));
}
