namespace Winnow.Training;

/// <summary>
/// Progress of a training run, reported after every batch and once more at the end of each
/// epoch (<see cref="Finished"/> set). The library never writes to the console: the CLI renders this.
/// </summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, EpochSummary? Finished = null);

/// <summary>One line of the per-epoch log.</summary>
public sealed record EpochSummary(
    int Epoch,
    double LearningRate,
    int Samples,
    double TrainLoss,
    double TrainAccuracy,
    double? TestAccuracy,
    int? NoisyTrainedOn,
    double Seconds);
