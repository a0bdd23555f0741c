using Winnow.Data;

namespace Winnow.Training;

/// <summary>
/// How the trainer optimises: SGD with momentum (Nesterov by default), weight decay, and a
/// learning rate that follows a per-epoch cosine from <see cref="LearningRate"/> to 0 over
/// <see cref="Epochs"/> epochs (the schedule of the pruning papers' reference scripts).
/// </summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 0.05;
    public double Momentum { get; init; } = 0.9;
    public bool Nesterov { get; init; } = true;
    public double WeightDecay { get; init; } = 5e-4;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Augmentation of training batches; tables are never augmented.</summary>
    public AugmentationStrength Augmentation { get; init; } = AugmentationStrength.None;

    /// <summary>Batch size for inference (evaluation, probabilities, embeddings); see <see cref="Inference.DefaultBatchSize"/>.</summary>
    public int InferenceBatchSize { get; init; } = Inference.DefaultBatchSize;

    /// <summary>Seeds shuffling and augmentation; model initialisation is seeded by the caller.</summary>
    public int Seed { get; init; }

    public void Validate()
    {
        if (Epochs < 1) throw new WinnowException($"epochs must be at least 1 (got {Epochs})");
        if (BatchSize < 1) throw new WinnowException($"batch size must be at least 1 (got {BatchSize})");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new WinnowException($"learning rate must be a positive number (got {LearningRate})");
        if (Momentum is < 0 or >= 1) throw new WinnowException($"momentum must be in [0, 1) (got {Momentum})");
        if (WeightDecay < 0) throw new WinnowException($"weight decay must not be negative (got {WeightDecay})");
        if (Nesterov && Momentum == 0) throw new WinnowException("Nesterov momentum needs a momentum above 0");
    }
}
