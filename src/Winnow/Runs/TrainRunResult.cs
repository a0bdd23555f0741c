using Winnow.Data;
using Winnow.Learners.DivideMix;
using Winnow.Metrics;
using Winnow.Models;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>
/// A finished training run: the data, the trained model(s), the per-epoch log and, for
/// single-model learners, the trainer with every sample's trajectory. Disposing it releases the
/// models and trainer, and the data too when the run prepared it itself.
/// </summary>
public sealed class TrainRunResult : IDisposable
{
    private readonly bool _ownsData;

    public TrainRunResult(PreparedData data, Trainer? trainer, DivideMixTrainer? divideMix, string modelName, int[] sampleShape,
        IReadOnlyList<EpochSummary> epochs, double testAccuracy, double wallSeconds, bool ownsData)
    {
        if ((trainer is null) == (divideMix is null)) throw new ArgumentException("A run has either a trainer or a DivideMix trainer.");
        Data = data;
        Trainer = trainer;
        DivideMix = divideMix;
        ModelName = modelName;
        SampleShape = sampleShape;
        Epochs = epochs;
        TestAccuracy = testAccuracy;
        WallSeconds = wallSeconds;
        _ownsData = ownsData;
    }

    public PreparedData Data { get; }

    /// <summary>The single-model trainer (model, learner, trajectories); null for DivideMix.</summary>
    public Trainer? Trainer { get; }

    /// <summary>DivideMix's two-network trainer; null for the other learners.</summary>
    public DivideMixTrainer? DivideMix { get; }

    /// <summary>The model a checkpoint saves: the trained model, or DivideMix's first network.</summary>
    public Classifier Model => Trainer?.Model ?? DivideMix!.First;

    public TrainerOptions Options => Trainer?.Options ?? DivideMix!.Options;

    /// <summary>ce, kd, sop or dividemix.</summary>
    public string LearnerName => Trainer?.Learner.Name ?? "dividemix";

    /// <summary>Every sample's per-epoch loss, margin and correctness; null for DivideMix, whose two networks see other views.</summary>
    public TrainingTrajectory? Trajectory => Trainer?.Trajectory;

    public string ModelName { get; }
    public int[] SampleShape { get; }
    public IReadOnlyList<EpochSummary> Epochs { get; }
    public double TestAccuracy { get; }

    /// <summary>Wall-clock of training including per-epoch evaluation.</summary>
    public double WallSeconds { get; }

    /// <summary>The static coreset trained on, when the run used one.</summary>
    public IReadOnlyList<int>? Subset { get; init; }

    /// <summary>How many wrongly labelled training samples the final model predicts correctly (when clean labels are known).</summary>
    public LabelCorrection? LabelCorrection { get; init; }

    /// <summary>The distillation teacher's directory, when the run distilled.</summary>
    public string? Teacher { get; init; }

    /// <summary>Seconds spent in training steps only (no evaluation).</summary>
    public double TrainSeconds => Epochs.Sum(e => e.Seconds);

    /// <summary>
    /// Sample-passes with a backward pass. For single-model learners, the samples of every
    /// epoch's plan; DivideMix counts its own (two networks, MixUp batches), so its compute
    /// compares with plain training honestly.
    /// </summary>
    public long SamplesBackpropagated => DivideMix?.SamplesBackpropagated ?? Epochs.Sum(e => (long)e.Samples);

    /// <summary>Sample-passes forward, scoring and label-guessing passes included.</summary>
    public long SamplesForwarded => DivideMix?.SamplesForwarded ?? Epochs.Sum(e => (long)e.Samples);

    public void Dispose()
    {
        if (Trainer is not null)
        {
            Trainer.Model.Dispose();
            Trainer.Dispose();
        }
        if (DivideMix is not null)
        {
            DivideMix.First.Dispose();
            DivideMix.Second.Dispose();
            DivideMix.Dispose();
        }
        if (_ownsData) Data.Dispose();
    }
}
