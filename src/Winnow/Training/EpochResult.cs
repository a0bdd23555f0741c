namespace Winnow.Training;

/// <summary>
/// What one training epoch did. Losses, correctness and margins are aligned with the plan's
/// indices and measured on the training forward pass (train mode, augmented view, before that
/// batch's update) against the training labels, as InfoBatch and AlignPrune record them; they
/// are empty for a learner that composes its own epochs (DivideMix), which keeps no such record.
/// </summary>
public sealed record EpochResult(
    int Epoch,
    double LearningRate,
    float[] Losses,
    bool[] Correct,
    float[] Margins,
    double MeanLoss,
    double Accuracy,
    long SamplesForwarded,
    long SamplesBackpropagated,
    double Seconds);
