namespace Winnow.Training;

/// <summary>
/// Decides each epoch's plan and learns from what training reports back. The trainer knows
/// nothing about pruning: a dynamic pruner is just a planner.
/// </summary>
public interface IEpochPlanner
{
    /// <summary>The plan for epoch <paramref name="epoch"/> (0-based) of <paramref name="epochs"/>.</summary>
    EpochPlan Plan(int epoch, int epochs);

    /// <summary>The per-sample losses of the samples trained on in that epoch, aligned with the plan's indices.</summary>
    void Observe(int epoch, EpochPlan plan, EpochResult result);

    /// <summary>Whether the planner learns from the per-sample losses (a dynamic pruner); a fixed plan does not.</summary>
    bool ObservesLosses => true;
}

/// <summary>The same samples every epoch, weight 1: full data, or a static coreset.</summary>
public sealed class FixedPlanner : IEpochPlanner
{
    private readonly EpochPlan _plan;

    public FixedPlanner(IReadOnlyList<int> indices) => _plan = new EpochPlan(indices.ToArray());

    public static FixedPlanner FullData(int count) => new(Enumerable.Range(0, count).ToArray());

    public EpochPlan Plan(int epoch, int epochs) => _plan;

    public void Observe(int epoch, EpochPlan plan, EpochResult result) { }

    public bool ObservesLosses => false;
}
