using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Winnow.Learners;

/// <summary>
/// The terms of the SOP+ objective for one batch, as the reference implementation computes
/// them. With y the one-hot training label, p = softmax(logits), U² = clamp(u²·y, 0, 1) and
/// V² = clamp(v²·(1−y), 0, 1):
/// <list type="bullet">
/// <item>q = clamp(L1-normalise(clamp(p + U² − detach(V²), 1e-4)), 1e-4, 1); CE = −Σ_c y_c log q_c.
/// V² is detached here so v is trained by the MSE term alone.</item>
/// <item>MSE = Σ_c (onehot(argmax logits) + U² − V² − y)²; the one-hot prediction carries no
/// gradient, so this term trains only u and v.</item>
/// <item>Balance (batch) = −Σ_c (1/C)·log clamp(mean_batch q_c, 1e-4, 1): keeps the mean
/// prediction near uniform.</item>
/// <item>Consistency = KL(detach(p_weak) ‖ p_strong) = Σ_c p_weak,c (log p_weak,c − log p_strong,c).</item>
/// </list>
/// </summary>
public static class SopLoss
{
    public const double Epsilon = 1e-4;

    /// <summary>Per-sample CE [B] and MSE [B] terms, and the batch's balance term (scalar).</summary>
    public static (Tensor CrossEntropy, Tensor SquaredError, Tensor Balance) Terms(Tensor logits, Tensor oneHot, Tensor u, Tensor v)
    {
        using var scope = NewDisposeScope();
        var classes = logits.shape[1];
        // Two one-sided clamps give clamp(x, 0, 1)'s values and gradients, and their backward
        // exists on every libtorch device (clamp's uses logical_and, which the lazy device lacks).
        var uSquare = (u.pow(2) * oneHot).clamp_min(0).clamp_max(1);
        var vSquare = (v.pow(2) * (1 - oneHot)).clamp_min(0).clamp_max(1);
        var p = softmax(logits, 1);
        var shifted = (p + uSquare - vSquare.detach()).clamp_min(Epsilon);
        var q = (shifted / shifted.sum(1, keepdim: true).clamp_min(Epsilon)).clamp_min(Epsilon).clamp_max(1.0);
        var crossEntropy = -(oneHot * q.log()).sum(1);

        var predicted = one_hot(logits.detach().argmax(1), classes).to_type(logits.dtype);
        var squaredError = (predicted + uSquare - vSquare - oneHot).pow(2).sum(1);

        var balance = -(q.mean([0]).clamp_min(Epsilon).clamp_max(1.0).log().sum() / classes);
        return (crossEntropy.MoveToOuterDisposeScope(), squaredError.MoveToOuterDisposeScope(), balance.MoveToOuterDisposeScope());
    }

    /// <summary>Per-sample KL(detach(softmax(weak)) ‖ softmax(strong)) [B].</summary>
    public static Tensor Consistency(Tensor weakLogits, Tensor strongLogits)
    {
        using var scope = NewDisposeScope();
        var logWeak = log_softmax(weakLogits.detach(), 1);
        var kl = (logWeak.exp() * (logWeak - log_softmax(strongLogits, 1))).sum(1);
        return kl.MoveToOuterDisposeScope();
    }
}
