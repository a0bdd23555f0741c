using Winnow.Learners.DivideMix;
using Winnow.Settings;
using Winnow.Training;

namespace Winnow.Learners;

/// <summary>
/// How a (possibly pruned) training set is learned: the learner by name (<see cref="LearnerCatalog"/>),
/// its settings, and knowledge distillation from a teacher.
/// </summary>
public sealed record LearnerOptions
{
    [Setting("learner", "Learner of the training set (see 'winnow methods')", Choices = typeof(LearnerCatalog))]
    public string Name { get; init; } = "ce";

    [SettingGroup("sop")]
    public SopOptions Sop { get; init; } = new();

    [SettingGroup("dividemix")]
    public DivideMixOptions DivideMix { get; init; } = new();

    /// <summary>Knowledge distillation from a teacher; none when null.</summary>
    public DistillationOptions? Distillation { get; init; }

    /// <param name="trainer">The training settings the learner will run under (DivideMix's warm-up must fit in its epochs).</param>
    public void Validate(TrainerOptions trainer)
    {
        Declared.Validate(this);
        Sop.Validate();
        DivideMix.Validate();
        Distillation?.Validate();
        if (Distillation is not null && Name != "ce")
            throw new WinnowException($"knowledge distillation works with the ce learner only (got {Name})");
        if (LearnerCatalog.All[Name].Networks > 1 && DivideMix.WarmupEpochs >= trainer.Epochs)
            throw new WinnowException($"DivideMix warms up for {DivideMix.WarmupEpochs} epochs, so it needs more than that in all (got {trainer.Epochs} epochs)");
    }

    /// <summary>The distillation weight for a run that keeps <paramref name="keptFraction"/> of the data.</summary>
    public double AlphaFor(double keptFraction) => Distillation?.Alpha ?? DistillationWeight.Auto(keptFraction);
}
