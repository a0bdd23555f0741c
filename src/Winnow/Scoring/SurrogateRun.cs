using Winnow.Data;
using Winnow.Learners;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Scoring;

/// <summary>
/// One short training run on the whole training set that scores are read from: the per-epoch
/// trajectory (forgetting, AUM), the final model's predictions (EL2N, GraNd, uncertainty,
/// Moderate, Prune4ReL) and, when asked, a snapshot at the start of every epoch with the
/// learning rate that epoch's SGD steps use (MoSo's checkpoints: the update from w_t is taken
/// with η_t, so the first snapshot is the initial model).
/// </summary>
public sealed class SurrogateRun : IDisposable
{
    /// <summary>Predictions of the model at the start of an epoch, and the learning rate that epoch uses.</summary>
    public sealed record Snapshot(int Epoch, double LearningRate, Predictions Predictions, Classifier? Model);

    private readonly SampleSet _train;
    private Predictions? _final;

    private SurrogateRun(Classifier model, SampleSet train, TrainingTrajectory trajectory, IReadOnlyList<Snapshot> snapshots, double seconds)
    {
        Model = model;
        _train = train;
        Trajectory = trajectory;
        Snapshots = snapshots;
        TrainSeconds = seconds;
    }

    /// <summary>The trained model (eval mode).</summary>
    public Classifier Model { get; }

    public TrainingTrajectory Trajectory { get; }

    /// <summary>
    /// Probabilities, logits and embeddings of every training sample from the final model, computed
    /// on first use (trajectory-only scores such as forgetting and AUM never pay for it).
    /// </summary>
    public Predictions Final => _final ??= Inference.Predict(Model, _train);

    /// <summary>
    /// The final model's predictions for <paramref name="range"/>'s samples: <see cref="Final"/> for
    /// the whole set, else a pass over the range alone (its batches are the whole pass's when the
    /// range starts on a batch boundary, as <see cref="ScoreRange.Shard"/>'s do).
    /// </summary>
    public Predictions FinalFor(ScoreRange range) =>
        range.IsAll(_train.Count) ? Final : Inference.Predict(Model, _train, range.Indices());

    /// <summary>One per epoch when snapshots were requested, else empty.</summary>
    public IReadOnlyList<Snapshot> Snapshots { get; }

    /// <summary>Seconds spent in training steps (the predictions the scores read are not included).</summary>
    public double TrainSeconds { get; }

    /// <param name="keepSnapshots">Record predictions after every epoch.</param>
    /// <param name="keepModels">Also keep a copy of the model after every epoch (full-gradient MoSo).</param>
    /// <param name="learner">The warm-up objective (SOP+ for the Prune4ReL pipeline); cross-entropy when null.</param>
    /// <param name="model">What the surrogate network is and where it trains.</param>
    public static SurrogateRun Train(SampleSet train, ModelRecipe model, TrainerOptions options, int seed,
        bool keepSnapshots, bool keepModels, IProgress<TrainingProgress>? progress, CancellationToken cancellation,
        ILearner? learner = null)
    {
        var trainSeconds = 0.0;
        var network = model.Build(Seeds.Derive(seed, "surrogate-init"));
        var trainerOptions = options;
        using var trainer = new Trainer(network, train, trainerOptions, seed, learner);
        var snapshots = new List<Snapshot>();
        var plan = EpochPlan.All(train.Count);
        int? noisy = train.NoisyMask?.Count(n => n);
        for (var epoch = 0; epoch < trainerOptions.Epochs; epoch++)
        {
            if (keepSnapshots)
            {
                Classifier? copy = null;
                if (keepModels)
                {
                    copy = model.Copy(network);
                    copy.eval();
                }
                var learningRate = LearningRates.At(trainerOptions.Schedule, trainerOptions.LearningRate, epoch, trainerOptions.ScheduleEpochs ?? trainerOptions.Epochs,
                    trainerOptions.MinLearningRate ?? 0);
                snapshots.Add(new Snapshot(epoch, learningRate, trainer.Predict(train), copy));
            }
            var result = trainer.TrainEpoch(plan, progress, cancellation);
            trainSeconds += result.Seconds;
            progress?.Report(new TrainingProgress(epoch, trainerOptions.Epochs, 0, 0,
                new EpochSummary(epoch, result.LearningRate, plan.Count, result.MeanLoss, result.Accuracy, null, noisy, result.Seconds)));
        }
        network.eval();
        return new SurrogateRun(network, train, trainer.Trajectory!, snapshots, trainSeconds);
    }

    /// <summary>A run trained before and read back (<see cref="SurrogateFolder"/>): its model in eval mode, record and snapshots.</summary>
    public static SurrogateRun FromSaved(Classifier model, SampleSet train, TrainingTrajectory trajectory, IReadOnlyList<Snapshot> snapshots, double trainSeconds)
    {
        model.eval();
        return new SurrogateRun(model, train, trajectory, snapshots, trainSeconds);
    }

    public void Dispose()
    {
        Model.Dispose();
        foreach (var snapshot in Snapshots) snapshot.Model?.Dispose();
    }
}
