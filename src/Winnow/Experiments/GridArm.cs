using Winnow.Learners;
using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>
/// One thing a grid compares: how the kept data is learned and what is pruned, with a label for
/// tables. A static arm's <see cref="Pruning"/> carries its method and scoring; the block's kept
/// fractions fill in its fraction. Full-data and dynamic arms run once per dataset × noise ×
/// seed: a prune ratio is not a kept fraction (InfoBatch drops r of the below-mean samples only,
/// and anneals to full data), so reports place a dynamic arm at the fraction of full training it measured.
/// </summary>
/// <param name="Node">Where the arm is written in the grid file, for errors.</param>
public sealed record GridArm(string Label, LearnerOptions Learner, PruningSpec Pruning, GridNode Node)
{
    public string Kind => Pruning.Kind;
}
