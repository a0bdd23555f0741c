using Winnow.Data;
using Winnow.Models;
using Winnow.Training;

namespace Winnow.Scoring;

/// <summary>
/// A surrogate trained only on some rows of the training set (one MoSo partition), from a copy of
/// a given network, keeping a copy of the model after each of the chosen epochs with the learning
/// rate that epoch was trained with (the reference saves the model and scheduler.get_last_lr()
/// after the epoch, before stepping the schedule). Only the chosen epochs are copied, so memory
/// holds T models, not E.
/// </summary>
public sealed class PartitionSurrogate : IDisposable
{
    /// <summary>The model after epoch <see cref="Epoch"/> (0-based; eval mode) and the learning rate that epoch used.</summary>
    public sealed record Checkpoint(int Epoch, double LearningRate, Classifier Model);

    private PartitionSurrogate(IReadOnlyList<Checkpoint> checkpoints, double seconds)
    {
        Checkpoints = checkpoints;
        TrainSeconds = seconds;
    }

    /// <summary>Checkpoints read back from disk (<see cref="SurrogateFolder"/>), in epoch order.</summary>
    public static PartitionSurrogate FromSaved(IReadOnlyList<Checkpoint> checkpoints, double trainSeconds) => new(checkpoints, trainSeconds);

    /// <summary>In epoch order.</summary>
    public IReadOnlyList<Checkpoint> Checkpoints { get; }

    /// <summary>Seconds spent in training steps.</summary>
    public double TrainSeconds { get; }

    /// <summary>
    /// <paramref name="count"/> distinct epochs of <paramref name="epochs"/>, drawn uniformly
    /// without replacement from a stream seeded by <paramref name="seed"/>, in increasing order.
    /// </summary>
    public static int[] DrawEpochs(int epochs, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, epochs);
        var order = Enumerable.Range(0, epochs).ToArray();
        new Random(seed).Shuffle(order);
        return order.Take(count).Order().ToArray();
    }

    /// <param name="initial">The network every partition starts from; left as it is.</param>
    /// <param name="rows">The rows of <paramref name="train"/> the surrogate trains on, every epoch.</param>
    /// <param name="keep">The epochs after which the model is kept.</param>
    /// <param name="seed">Seeds shuffling and augmentation.</param>
    public static PartitionSurrogate Train(Classifier initial, ModelRecipe recipe, SampleSet train, int[] rows, TrainerOptions options,
        IReadOnlyCollection<int> keep, int seed, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        using var network = recipe.Copy(initial);
        using var trainer = new Trainer(network, train, options, seed);
        var plan = new EpochPlan(rows);
        var noisy = train.NoisyMask is { } mask ? rows.Count(i => mask[i]) : (int?)null;
        var checkpoints = new List<Checkpoint>();
        var seconds = 0.0;
        try
        {
            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                var result = trainer.TrainEpoch(plan, progress, cancellation);
                seconds += result.Seconds;
                if (keep.Contains(epoch))
                {
                    var copy = recipe.Copy(network);
                    copy.eval();
                    checkpoints.Add(new Checkpoint(epoch, result.LearningRate, copy));
                }
                progress?.Report(new TrainingProgress(epoch, options.Epochs, 0, 0,
                    new EpochSummary(epoch, result.LearningRate, plan.Count, result.MeanLoss, result.Accuracy, null, noisy, result.Seconds)));
            }
        }
        catch
        {
            foreach (var checkpoint in checkpoints) checkpoint.Model.Dispose();
            throw;
        }
        return new PartitionSurrogate(checkpoints, seconds);
    }

    public void Dispose()
    {
        foreach (var checkpoint in Checkpoints) checkpoint.Model.Dispose();
    }
}
