using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Winnow.Learners.DivideMix;

/// <summary>
/// The pieces of DivideMix's MixMatch step, as small functions of tensors so each is checked by
/// hand on a tiny case (reference: Train_CIFAR.py, train() and SemiLoss). Every function returns
/// a new tensor in the caller's dispose scope and leaves its inputs alone.
/// </summary>
public static class MixMatch
{
    /// <summary>Temperature sharpening: p^(1/T) / Σ_c p_c^(1/T), row by row.</summary>
    public static Tensor Sharpen(Tensor probabilities, double temperature)
    {
        using var scope = NewDisposeScope();
        var powered = probabilities.pow(1 / temperature);
        return (powered / powered.sum(1, keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Label co-guessing for unlabeled samples: the mean softmax of all given logits (DivideMix:
    /// both networks on both augmented views), sharpened.
    /// </summary>
    public static Tensor CoGuess(IReadOnlyList<Tensor> logits, double temperature)
    {
        if (logits.Count == 0) throw new ArgumentException("At least one set of logits is needed.", nameof(logits));
        using var scope = NewDisposeScope();
        return Sharpen(MeanSoftmax(logits), temperature).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Label refinement for labeled samples: w·onehot(y) + (1 − w)·p̄, sharpened, where w is the
    /// sample's clean probability and p̄ the mean softmax of the training network over both views.
    /// </summary>
    public static Tensor Refine(Tensor labels, Tensor cleanProbability, IReadOnlyList<Tensor> logits, double temperature)
    {
        if (logits.Count == 0) throw new ArgumentException("At least one set of logits is needed.", nameof(logits));
        using var scope = NewDisposeScope();
        var mean = MeanSoftmax(logits);
        var oneHot = one_hot(labels, mean.shape[1]).to_type(mean.dtype);
        var w = cleanProbability.to_type(mean.dtype).view(-1, 1);
        return Sharpen(w * oneHot + (1 - w) * mean, temperature).MoveToOuterDisposeScope();
    }

    /// <summary>MixUp's coefficient: l ~ Beta(α, α), then max(l, 1 − l) so the mix stays closer to its first input.</summary>
    public static double Coefficient(BetaSampler sampler, double alpha)
    {
        var l = sampler.Beta(alpha, alpha);
        return Math.Max(l, 1 - l);
    }

    /// <summary>l·a + (1 − l)·a[permutation], row-wise (inputs and targets get the same call).</summary>
    public static Tensor Mix(Tensor rows, double coefficient, Tensor permutation)
    {
        using var scope = NewDisposeScope();
        return (coefficient * rows + (1 - coefficient) * rows.index_select(0, permutation)).MoveToOuterDisposeScope();
    }

    /// <summary>Lx: soft cross-entropy −mean_i Σ_c t_ic · log softmax(z_i)_c.</summary>
    public static Tensor LabeledLoss(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        return (-(log_softmax(logits, 1) * targets).sum(1).mean()).MoveToOuterDisposeScope();
    }

    /// <summary>Lu: mean over samples and classes of (softmax(z) − t)².</summary>
    public static Tensor UnlabeledLoss(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        return (softmax(logits, 1) - targets).pow(2).mean().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Σ_c π_c · log(π_c / p̄_c) with the uniform prior π_c = 1/C and p̄ the batch's mean softmax:
    /// the KL divergence from the batch's mean prediction to uniform, which keeps the network from
    /// sending every sample to one class (most of all when the labeled part is small).
    /// </summary>
    public static Tensor UniformPriorPenalty(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var mean = softmax(logits, 1).mean([0]);
        var prior = 1.0 / logits.shape[1];
        return (prior * (prior / mean).log()).sum().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mean over samples of Σ_c p_c log p_c (the negative entropy): the reference's warm-up penalty
    /// against over-confident predictions under asymmetric noise.
    /// </summary>
    public static Tensor NegativeEntropy(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var p = softmax(logits, 1);
        return (p * log_softmax(logits, 1)).sum(1).mean().MoveToOuterDisposeScope();
    }

    private static Tensor MeanSoftmax(IReadOnlyList<Tensor> logits)
    {
        using var scope = NewDisposeScope();
        var sum = softmax(logits[0], 1);
        for (var k = 1; k < logits.Count; k++) sum = sum + softmax(logits[k], 1);
        return (sum / logits.Count).MoveToOuterDisposeScope();
    }
}
