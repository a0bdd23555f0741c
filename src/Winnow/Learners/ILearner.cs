using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Learners;

/// <summary>
/// Decides how a (possibly pruned) training set is learned. The <see cref="Training.Trainer"/>
/// owns the epochs, the optimisers (one per network), the schedule, every optimisation step
/// (dispose scope, divergence check, backward, optimiser step, progress) and inference; a learner
/// only decides what each step's loss is. Most learners turn one forward pass into a loss
/// (<see cref="IBatchLearner"/>); a learner that composes its own steps from several networks'
/// outputs — DivideMix — is an <see cref="IEpochLearner"/>.
/// </summary>
public interface ILearner : IDisposable
{
    string Name { get; }

    /// <summary>How many networks the trainer builds, optimises and predicts with (DivideMix: 2).</summary>
    int Networks => 1;

    /// <summary>What else to lower when the loss diverges, besides the learning rate ("" when nothing).</summary>
    string DivergenceHint => "";

    /// <summary>What the learner did, for the run's record (distillation weight, DivideMix's split).</summary>
    LearnerReport Report => new();
}

/// <summary>A learner whose objective is one batch's forward pass: cross-entropy, distillation, SOP+.</summary>
public interface IBatchLearner : ILearner
{
    /// <summary>The objective of one batch: per-sample terms the trainer weights and averages, plus batch-level terms.</summary>
    LearnerLoss Loss(LearnerBatch batch);

    /// <summary>Called after the trainer's optimiser step (for learners with optimisers of their own).</summary>
    void AfterStep() { }
}

/// <summary>
/// A learner that composes each epoch's steps itself, from several networks (DivideMix: warm-up,
/// then co-divide and MixMatch). It keeps no per-sample loss record, so it trains on a fixed set
/// of samples and cannot host a dynamic pruner.
/// </summary>
public interface IEpochLearner : ILearner
{
    /// <summary>Trains one epoch through <see cref="LearnerEpoch.Step"/>.</summary>
    EpochOutcome TrainEpoch(LearnerEpoch epoch);

    /// <summary>The logits the learner predicts with (DivideMix: the sum of both networks').</summary>
    Tensor Logits(IReadOnlyList<Classifier> networks, Tensor inputs);
}

/// <summary>
/// One batch as a learner sees it: sample indices into the training set, the inputs before and
/// after the trainer's augmentation, training labels, the model's logits for the augmented
/// inputs, and the model itself for extra views; every tensor on the model's device.
/// </summary>
public sealed record LearnerBatch(Classifier Model, Tensor Indices, Tensor RawInputs, Tensor Inputs, Tensor Labels, Tensor Logits, int Epoch);

/// <summary>
/// A batch objective: <see cref="PerSample"/> [B] is multiplied by the plan's loss weights and
/// averaged; <see cref="BatchTerm"/> (a scalar, e.g. SOP+'s class-balance term over the batch
/// mean prediction) is added unweighted, because it belongs to no single sample.
/// </summary>
public sealed record LearnerLoss(Tensor PerSample, Tensor? BatchTerm = null);

/// <summary>What an <see cref="IEpochLearner"/>'s epoch did, in the terms of the trainer's epoch log.</summary>
/// <param name="MeanLoss">Mean of the steps' losses.</param>
/// <param name="Accuracy">Share of the epoch's training predictions that matched the training label.</param>
public sealed record EpochOutcome(double MeanLoss, double Accuracy, long SamplesForwarded, long SamplesBackpropagated);

/// <summary>Facts a learner adds to the run's record; null = does not apply.</summary>
public sealed record LearnerReport
{
    public double? KdAlpha { get; init; }
    public double? KdTemperature { get; init; }

    /// <summary>Whether teacher logits came from a one-off pass (else a teacher forward per step).</summary>
    public bool? KdTeacherCached { get; init; }

    /// <summary>Seconds the one-off pass that cached the teacher's logits took.</summary>
    public double? KdTeacherCacheSeconds { get; init; }

    /// <summary>DivideMix: the share of the subset its last split treated as labeled (clean).</summary>
    public double? DividemixLabeledFraction { get; init; }
}
