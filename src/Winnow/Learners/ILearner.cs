using TorchSharp;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Learners;

/// <summary>
/// Decides the training objective of a batch. The trainer owns the loop, the optimiser, the
/// schedule and memory; a learner only turns a forward pass into a loss (and may keep parameters
/// of its own, such as SOP+'s per-sample u and v, or cached teacher logits).
/// </summary>
public interface ILearner : IDisposable
{
    string Name { get; }

    /// <summary>The objective of one batch: per-sample terms the trainer weights and averages, plus batch-level terms.</summary>
    LearnerLoss Loss(LearnerBatch batch);

    /// <summary>Called after the trainer's optimiser step (for learners with optimisers of their own).</summary>
    void AfterStep() { }

    /// <summary>What else to lower when the loss turns NaN, besides the learning rate ("" when nothing).</summary>
    string DivergenceHint => "";
}

/// <summary>
/// One batch as a learner sees it: sample indices into the training set, the inputs before and
/// after the trainer's augmentation, training labels, the model's logits for the augmented
/// inputs, and the model itself for extra views.
/// </summary>
public sealed record LearnerBatch(Classifier Model, Tensor Indices, Tensor RawInputs, Tensor Inputs, Tensor Labels, Tensor Logits, int Epoch);

/// <summary>
/// A batch objective: <see cref="PerSample"/> [B] is multiplied by the plan's loss weights and
/// averaged; <see cref="BatchTerm"/> (a scalar, e.g. SOP+'s class-balance term over the batch
/// mean prediction) is added unweighted, because it belongs to no single sample.
/// </summary>
public sealed record LearnerLoss(Tensor PerSample, Tensor? BatchTerm = null);
