using Winnow.Learners.DivideMix;

namespace Winnow.Learners;

/// <summary>
/// How a (possibly pruned) training set is learned: the learner by name, its settings, and
/// knowledge distillation from a teacher checkpoint.
/// </summary>
public sealed record LearnerOptions
{
    public static readonly string[] Names = ["ce", "sop", "dividemix"];

    /// <summary>ce (cross-entropy), sop (SOP+ re-labeling) or dividemix (two networks, co-divide, MixMatch).</summary>
    public string Name { get; init; } = "ce";

    public SopOptions Sop { get; init; } = new();

    public DivideMixOptions DivideMix { get; init; } = new();

    /// <summary>A <c>winnow train</c> output (or its checkpoint folder) to distil from; no distillation when null.</summary>
    public string? Teacher { get; init; }

    /// <summary>Weight of the soft term; null = <see cref="DistillationWeight.Auto"/> from the kept fraction.</summary>
    public double? KdAlpha { get; init; }

    public double KdTemperature { get; init; } = 4;

    public void Validate()
    {
        if (!Names.Contains(Name)) throw new WinnowException($"unknown learner '{Name}': use {string.Join(", ", Names)}");
        Sop.Validate();
        DivideMix.Validate();
        if (Teacher is not null)
        {
            if (Name != "ce") throw new WinnowException($"knowledge distillation (--teacher) works with --learner ce only (got {Name})");
            DistillationLearner.Validate(KdAlpha ?? 0, KdTemperature);
        }
    }

    /// <summary>The distillation weight for a run that keeps <paramref name="keptFraction"/> of the data.</summary>
    public double AlphaFor(double keptFraction) => KdAlpha ?? DistillationWeight.Auto(keptFraction);
}
