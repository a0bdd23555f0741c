using Winnow.Data;
using Winnow.Learners;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>Everything one training run needs: the data, the model and the trainer settings.</summary>
public sealed record TrainRunOptions
{
    public DataOptions Data { get; init; } = new();

    /// <summary>A name from the model catalog; the dataset kind's default when null.</summary>
    public string? Model { get; init; }

    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>The learner (cross-entropy, SOP+, DivideMix) and knowledge distillation.</summary>
    public LearnerOptions Learner { get; init; } = new();

    /// <summary>Evaluate on the test split after every epoch (else only at the end).</summary>
    public bool EvaluateEveryEpoch { get; init; } = true;

    /// <summary>Train only on these training-set indices every epoch (a static coreset); all when null.</summary>
    public IReadOnlyList<int>? Subset { get; init; }
}
