using System.Globalization;
using Winnow.Data;
using Winnow.Settings;

namespace Winnow.Training;

/// <summary>
/// How the trainer optimises: SGD with momentum (Nesterov by default), weight decay, and a
/// learning rate that follows a per-epoch cosine from <see cref="LearningRate"/> to
/// <see cref="MinLearningRate"/> (0 when not given) over <see cref="Epochs"/> epochs (the schedule
/// of the pruning papers' reference scripts). Each setting is declared once here; the command
/// line, grid files and validation read the declarations.
/// </summary>
public sealed record TrainerOptions
{
    [Setting("epochs", "Training epochs", Min = 1)]
    public int Epochs { get; init; } = 10;

    [Setting("batch-size", "Mini-batch size", Min = 1)]
    public int BatchSize { get; init; } = 128;

    [Setting("lr", "Initial learning rate (SGD)", Label = "learning rate", Min = 0, MinExclusive = true)]
    public double LearningRate { get; init; } = 0.05;

    [Setting("momentum", "SGD momentum", Min = 0, Max = 1, MaxExclusive = true)]
    public double Momentum { get; init; } = 0.9;

    [Setting("nesterov", "Nesterov momentum (off: plain momentum)", Label = "Nesterov momentum")]
    public bool Nesterov { get; init; } = true;

    [Setting("weight-decay", "L2 weight decay", Min = 0)]
    public double WeightDecay { get; init; } = 5e-4;

    [Setting("schedule", "Learning-rate schedule over epochs: cosine (to min-lr, 0 by default) or constant", Label = "learning-rate schedule")]
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    // Nullable so that specs which leave it out keep their configuration hash.
    [Setting("min-lr", "Learning rate the cosine schedule ends at (PyTorch's eta_min); 0 when not given", Label = "the minimum learning rate", Min = 0)]
    public double? MinLearningRate { get; init; }

    [Setting("augment", "Batch augmentation: auto (weak for colour images, none otherwise) | none | weak (pad-crop + flip) | strong (weak + cutout + jitter) | crop or flip (weak's parts alone)",
        Label = "augmentation")]
    public Augmentation Augment { get; init; } = Augmentation.Auto;

    [Setting("clip-grad-norm", "Clip each step's gradient to this L2 norm (none when not given)", Label = "the gradient clipping norm", Min = 0, MinExclusive = true)]
    public double? ClipGradNorm { get; init; }

    /// <summary>
    /// The epoch count the learning-rate schedule spans when it is longer than <see cref="Epochs"/>:
    /// a warm-up that trains the first epochs of a longer run's schedule (Prune4ReL's, as its
    /// reference warms up 10 epochs of a 300-epoch cosine). Internal to scoring, not a setting.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? ScheduleEpochs { get; init; }

    [Setting("inference-batch-size", "Batch size of evaluation and scoring passes", Min = 1)]
    public int InferenceBatchSize { get; init; } = Inference.DefaultBatchSize;

    public void Validate()
    {
        Declared.Validate(this);
        if (Nesterov && Momentum == 0) throw new WinnowException("Nesterov momentum needs a momentum above 0");
        if (MinLearningRate > LearningRate)
            throw new WinnowException(string.Create(CultureInfo.InvariantCulture,
                $"the minimum learning rate ({MinLearningRate}) exceeds the learning rate ({LearningRate})"));
    }
}
