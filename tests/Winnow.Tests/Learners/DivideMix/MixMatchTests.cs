using Winnow.Settings;
using Winnow.Learners.DivideMix;
using static TorchSharp.torch;

namespace Winnow.Tests.Learners.DivideMix;

/// <summary>Each MixMatch piece against a hand computation; logits are log-probabilities, so softmax returns them exactly.</summary>
public class MixMatchTests
{
    private static Tensor Logits(params float[][] probabilities) =>
        tensor(probabilities.SelectMany(p => p).ToArray(), [probabilities.Length, probabilities[0].Length]).log();

    private static void AssertRows(double[] expected, Tensor actual, int precision = 5)
    {
        var values = actual.data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], values[i], precision);
    }

    [Fact]
    public void SharpeningRaisesToOneOverTAndRenormalises()
    {
        using var p = tensor(new[] { 0.6f, 0.4f, 0.5f, 0.5f }, [2, 2]);
        // 0.6² = 0.36, 0.4² = 0.16, sum 0.52.
        AssertRows([0.36 / 0.52, 0.16 / 0.52, 0.5, 0.5], MixMatch.Sharpen(p, 0.5));
        AssertRows([0.6, 0.4, 0.5, 0.5], MixMatch.Sharpen(p, 1));
    }

    [Fact]
    public void CoGuessAveragesEveryViewThenSharpens()
    {
        using var a = Logits([0.5f, 0.5f]);
        using var b = Logits([0.9f, 0.1f]);
        using var c = Logits([0.6f, 0.4f]);
        using var d = Logits([0.8f, 0.2f]);
        // Mean [0.7, 0.3]; squared [0.49, 0.09], sum 0.58.
        AssertRows([0.49 / 0.58, 0.09 / 0.58], MixMatch.CoGuess([a, b, c, d], 0.5));
    }

    [Fact]
    public void RefinementBlendsTheLabelWithThePredictionByCleanProbability()
    {
        using var labels = tensor(new long[] { 1, 0 });
        using var w = tensor(new[] { 0.8f, 1f });
        using var view1 = Logits([0.6f, 0.4f], [0.3f, 0.7f]);
        using var view2 = Logits([0.2f, 0.8f], [0.1f, 0.9f]);
        // Sample 0: mean [0.4, 0.6]; 0.8·[0, 1] + 0.2·[0.4, 0.6] = [0.08, 0.92]; squared [0.0064, 0.8464].
        // Sample 1: w = 1 keeps the one-hot label [1, 0] whatever the network says.
        AssertRows([0.0064 / 0.8528, 0.8464 / 0.8528, 1, 0], MixMatch.Refine(labels, w, [view1, view2], 0.5));
    }

    [Fact]
    public void MixBlendsEachRowWithItsPermutedPartner()
    {
        using var rows = tensor(new[] { 1f, 0f, 0f, 1f, 2f, 2f }, [3, 2]);
        using var permutation = tensor(new long[] { 2, 0, 1 });
        AssertRows([1.25, 0.5, 0.25, 0.75, 1.5, 1.75], MixMatch.Mix(rows, 0.75, permutation));
    }

    [Fact]
    public void MixCoefficientLeansToTheFirstInput()
    {
        var sampler = new BetaSampler(3);
        for (var k = 0; k < 1000; k++) Assert.InRange(MixMatch.Coefficient(sampler, 4), 0.5, 1);
    }

    [Fact]
    public void LabeledLossIsSoftCrossEntropy()
    {
        using var logits = Logits([0.5f, 0.25f, 0.25f], [0.25f, 0.5f, 0.25f]);
        using var targets = tensor(new[] { 0.5f, 0.5f, 0f, 0f, 1f, 0f }, [2, 3]);
        var expected = ((0.5 * -Math.Log(0.5) + 0.5 * -Math.Log(0.25)) + -Math.Log(0.5)) / 2;
        Assert.Equal(expected, MixMatch.LabeledLoss(logits, targets).item<float>(), 5);
    }

    [Fact]
    public void UnlabeledLossIsMeanSquaredErrorOfProbabilities()
    {
        using var logits = Logits([0.5f, 0.5f], [0.9f, 0.1f]);
        using var targets = tensor(new[] { 1f, 0f, 0.9f, 0.1f }, [2, 2]);
        // (0.25 + 0.25 + 0 + 0) / 4 elements.
        Assert.Equal(0.125, MixMatch.UnlabeledLoss(logits, targets).item<float>(), 5);
    }

    [Fact]
    public void PenaltyIsKlFromUniformToTheMeanPrediction()
    {
        using var skewed = Logits([0.9f, 0.1f], [0.5f, 0.5f]);
        // Mean [0.7, 0.3]: 0.5·ln(0.5/0.7) + 0.5·ln(0.5/0.3).
        Assert.Equal(0.5 * Math.Log(0.5 / 0.7) + 0.5 * Math.Log(0.5 / 0.3), MixMatch.UniformPriorPenalty(skewed).item<float>(), 5);
        using var balanced = Logits([0.9f, 0.1f], [0.1f, 0.9f]);
        Assert.Equal(0, MixMatch.UniformPriorPenalty(balanced).item<float>(), 5);
    }

    [Fact]
    public void NegativeEntropyIsMeanSumOfPLogP()
    {
        using var logits = Logits([0.5f, 0.5f], [0.9f, 0.1f]);
        var expected = (Math.Log(0.5) + (0.9 * Math.Log(0.9) + 0.1 * Math.Log(0.1))) / 2;
        Assert.Equal(expected, MixMatch.NegativeEntropy(logits).item<float>(), 5);
    }

    [Fact]
    public void LambdaURampsLinearlyAfterWarmUp()
    {
        var options = new DivideMixOptions { WarmupEpochs = 3, RampUpEpochs = 5, LambdaU = 25 };
        Assert.Equal(0, options.LambdaUAt(2));
        Assert.Equal(0, options.LambdaUAt(3));
        Assert.Equal(12.5, options.LambdaUAt(5.5), 12);
        Assert.Equal(25, options.LambdaUAt(8));
        Assert.Equal(25, options.LambdaUAt(40));
        var immediate = options with { RampUpEpochs = 0 };
        Assert.Equal(0, immediate.LambdaUAt(2.9));
        Assert.Equal(25, immediate.LambdaUAt(3));
    }

    [Fact]
    public void BadOptionsAreRefusedWithOneLine()
    {
        var good = new DivideMixOptions();
        good.Validate();
        foreach (var (bad, message) in new[]
        {
            (good with { WarmupEpochs = 0 }, "the DivideMix warm-up must be at least 1 (got 0)"),
            (good with { PThreshold = 1 }, "the DivideMix clean-probability threshold must be in [0, 1) (got 1)"),
            (good with { PThreshold = -0.1 }, "the DivideMix clean-probability threshold must be in [0, 1) (got -0.1)"),
            (good with { Temperature = 0 }, "the DivideMix sharpening temperature must be above 0 (got 0)"),
            (good with { Temperature = double.NaN }, "the DivideMix sharpening temperature must be a finite number (got NaN)"),
            (good with { Alpha = 0 }, "the DivideMix mixup alpha must be above 0 (got 0)"),
            (good with { LambdaU = -1 }, "the DivideMix unlabeled-loss weight must be at least 0 (got -1)"),
            (good with { RampUpEpochs = double.PositiveInfinity }, "the DivideMix ramp-up length must be a finite number (got Infinity)"),
        })
        {
            Assert.Equal(message, Assert.Throws<SettingException>(bad.Validate).Message);
        }
    }
}
