using Winnow.Settings;
using Winnow.Learners;
using static TorchSharp.torch;

namespace Winnow.Tests.Learners;

public class SopLossTests
{
    // Two samples, two classes. Sample 0: logits (1, 0), label 0, u = 0.5, v = (0.3, 0.4):
    // U² = (0.25, 0), V² = (0, 0.16). Sample 1: logits (ln 3, 0) so p = (0.75, 0.25), label 1,
    // u = 0.2, v = (2, 0.1): U² = (0, 0.04), V² = (clamp(4) = 1, 0).
    private static (Tensor Logits, Tensor OneHot, Tensor U, Tensor V) Case() => (
        tensor(new[] { 1f, 0f, MathF.Log(3), 0f }, [2, 2]).requires_grad_(),
        tensor(new[] { 1f, 0f, 0f, 1f }, [2, 2]),
        tensor(new[] { 0.5f, 0.2f }, [2, 1]).requires_grad_(),
        tensor(new[] { 0.3f, 0.4f, 2f, 0.1f }, [2, 2]).requires_grad_());

    [Fact]
    public void TermsMatchAHandComputation()
    {
        var (logits, oneHot, u, v) = Case();
        var (crossEntropy, squaredError, balance) = SopLoss.Terms(logits, oneHot, u, v);

        // Sample 0: p + U² − V² = (0.9811, 0.1089) → q = (0.90005, 0.09995), CE = −log 0.90005.
        // Sample 1: (0.75 − 1, 0.25 + 0.04) clamps to (1e-4, 0.29) → q1 = 0.29 / 0.2901.
        Assert.Equal(0.1053008, crossEntropy[0].item<float>(), 5);
        Assert.Equal(0.0003448, crossEntropy[1].item<float>(), 6);
        // MSE against onehot(argmax logits) = (1, 0) for both samples:
        // (1 + 0.25 − 0 − 1)² + (0 + 0 − 0.16 − 0)² and (1 − 1)² + (0.04 − 1)².
        Assert.Equal(0.0881, squaredError[0].item<float>(), 5);
        Assert.Equal(0.9216, squaredError[1].item<float>(), 5);
        // −½ Σ_c log mean_b q_c.
        Assert.Equal(0.6981322, balance.item<float>(), 5);
    }

    [Fact]
    public void VLearnsOnlyFromTheSquaredErrorAndTheNetworkNotAtAllFromIt()
    {
        var (logits, oneHot, u, v) = Case();
        var (crossEntropy, _, _) = SopLoss.Terms(logits, oneHot, u, v);
        crossEntropy.sum().backward();
        Assert.True(v.grad is null || v.grad.abs().max().item<float>() == 0, "V² is detached in the prediction");
        Assert.True(u.grad!.abs().max().item<float>() > 0);
        Assert.True(logits.grad!.abs().max().item<float>() > 0);

        var (logits2, oneHot2, u2, v2) = Case();
        var (_, squaredError, _) = SopLoss.Terms(logits2, oneHot2, u2, v2);
        squaredError.sum().backward();
        Assert.True(logits2.grad is null || logits2.grad.abs().max().item<float>() == 0, "the one-hot prediction carries no gradient");
        // Sample 0, class 1: residual r = 0 + 0 − v² − 0 = −0.16, so d(r²)/dv = 2·r·(−2v) = 2·(−0.16)·(−0.8) ...
        Assert.Equal(2 * -0.16f * (-2 * 0.4f), v2.grad![0, 1].item<float>(), 5);
        // ... and nothing where the clamp at 1 is active (sample 1, class 0: v² = 4) or where y = 1 masks v.
        Assert.Equal(0f, v2.grad[1, 0].item<float>());
        Assert.Equal(0f, v2.grad[0, 0].item<float>());
        // d/du of (1 + u² − 1)² for sample 0 = 2·0.25·2·0.5.
        Assert.Equal(2 * 0.25f * 2 * 0.5f, u2.grad![0, 0].item<float>(), 5);
    }

    [Fact]
    public void ConsistencyIsTheKlFromTheDetachedWeakViewToTheStrongView()
    {
        var weak = tensor(new[] { 0f, 0f }, [1, 2]).requires_grad_();
        var strong = tensor(new[] { MathF.Log(3), 0f }, [1, 2]).requires_grad_();
        var kl = SopLoss.Consistency(weak, strong);
        // 0.5·ln(0.5 / 0.75) + 0.5·ln(0.5 / 0.25)
        Assert.Equal(0.5 * Math.Log(0.5 / 0.75) + 0.5 * Math.Log(2), kl.item<float>(), 5);
        kl.sum().backward();
        Assert.True(weak.grad is null || weak.grad.abs().max().item<float>() == 0);
        Assert.True(strong.grad!.abs().max().item<float>() > 0);
        Assert.Equal(0f, SopLoss.Consistency(strong.detach(), strong.detach()).item<float>(), 6);
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        Assert.Equal("the SOP+ learning rate of u must be above 0 (got 0)", Assert.Throws<SettingException>(() => new SopOptions { LearningRateU = 0 }.Validate()).Message);
        Assert.Equal("the SOP+ balance weight must be at least 0 (got -1)", Assert.Throws<SettingException>(() => new SopOptions { BalanceWeight = -1 }.Validate()).Message);
        Assert.Equal("the SOP+ consistency weight must be a finite number (got NaN)", Assert.Throws<SettingException>(() => new SopOptions { ConsistencyWeight = double.NaN }.Validate()).Message);
    }
}
