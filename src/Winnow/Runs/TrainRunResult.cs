using Winnow.Data;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// A finished training run: the data, the trainer (model and trajectories) and the per-epoch log.
/// Disposing it releases the model and trainer, and the data too when the run prepared it itself.
/// </summary>
public sealed class TrainRunResult(
    PreparedData data,
    Trainer trainer,
    string modelName,
    int[] sampleShape,
    IReadOnlyList<EpochSummary> epochs,
    double testAccuracy,
    double wallSeconds,
    bool ownsData) : IDisposable
{
    public PreparedData Data { get; } = data;
    public Trainer Trainer { get; } = trainer;
    public string ModelName { get; } = modelName;
    public int[] SampleShape { get; } = sampleShape;
    public IReadOnlyList<EpochSummary> Epochs { get; } = epochs;
    public double TestAccuracy { get; } = testAccuracy;

    /// <summary>Wall-clock of training including per-epoch evaluation.</summary>
    public double WallSeconds { get; } = wallSeconds;

    /// <summary>Seconds spent in training steps only (no evaluation).</summary>
    /// <summary>The static coreset trained on, when the run used one.</summary>
    public IReadOnlyList<int>? Subset { get; init; }

    public double TrainSeconds => Epochs.Sum(e => e.Seconds);

    public long SamplesBackpropagated => Epochs.Sum(e => (long)e.Samples);

    public void Dispose()
    {
        Trainer.Model.Dispose();
        Trainer.Dispose();
        if (ownsData) Data.Dispose();
    }
}
