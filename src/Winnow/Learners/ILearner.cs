using TorchSharp;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Learners;

/// <summary>
/// Decides the training objective of a batch. The trainer owns the loop, the optimiser, the
/// schedule and memory; a learner only turns a forward pass into a per-sample loss (and may
/// keep parameters of its own, such as SOP+'s per-sample u and v, or cached teacher logits).
/// </summary>
public interface ILearner : IDisposable
{
    string Name { get; }

    /// <summary>The per-sample objective [B] to be weighted, averaged and backpropagated.</summary>
    Tensor PerSampleLoss(LearnerBatch batch);

    /// <summary>Called after the trainer's optimiser step (for learners with optimisers of their own).</summary>
    void AfterStep() { }
}

/// <summary>
/// One batch as a learner sees it: sample indices into the training set, the (augmented) inputs,
/// training labels, the model's logits for those inputs, and the model itself for extra views.
/// </summary>
public sealed record LearnerBatch(Classifier Model, Tensor Indices, Tensor Inputs, Tensor Labels, Tensor Logits, int Epoch);
