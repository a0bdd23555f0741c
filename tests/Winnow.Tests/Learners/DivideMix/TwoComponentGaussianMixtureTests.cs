using Winnow.Learners.DivideMix;

namespace Winnow.Tests.Learners.DivideMix;

public class TwoComponentGaussianMixtureTests
{
    /// <summary>
    /// 70 values 0.1 + 0.01·d (d = −3 … 3, ten times each) and 30 values 0.8 + 0.02·d (d = −1, 0, 1):
    /// so far apart that every responsibility is 0 or 1 to double precision, hence the fit is the
    /// groups' own statistics: means 0.1 and 0.8, variances 4e-4 and 2.667e-4 (population) plus
    /// reg_covar 5e-4, weights 0.7 and 0.3.
    /// </summary>
    private static double[] TwoGroups()
    {
        var values = new List<double>();
        for (var r = 0; r < 10; r++)
        {
            for (var d = -3; d <= 3; d++) values.Add(0.1 + 0.01 * d);
            for (var d = -1; d <= 1; d++) values.Add(0.8 + 0.02 * d);
        }
        return [.. values];
    }

    [Fact]
    public void RecoversTwoWellSeparatedGroupsExactly()
    {
        var values = TwoGroups();
        var gmm = TwoComponentGaussianMixture.Fit(values);
        Assert.Equal(0.1, gmm.LowMean, 10);
        Assert.Equal(0.8, gmm.HighMean, 10);
        Assert.Equal(4e-4 + 5e-4, gmm.LowVariance, 10);
        Assert.Equal(8e-4 / 3 + 5e-4, gmm.HighVariance, 10);
        Assert.Equal(0.7, gmm.LowWeight, 10);
        Assert.Equal(0.3, gmm.HighWeight, 10);
        Assert.True(gmm.Converged);
        Assert.Equal(2, gmm.Iterations); // the second E-step finds the same likelihood

        var posteriors = gmm.LowComponentProbabilities(values);
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i] < 0.5 ? 1.0 : 0.0, posteriors[i], 10);
    }

    [Fact]
    public void PosteriorIsBayesRuleWithTheFittedComponents()
    {
        var gmm = TwoComponentGaussianMixture.Fit(TwoGroups());
        static double Density(double x, double mean, double variance) =>
            Math.Exp(-(x - mean) * (x - mean) / (2 * variance)) / Math.Sqrt(2 * Math.PI * variance);
        foreach (var x in new[] { 0.4, 0.45, 0.5 })
        {
            var low = 0.7 * Density(x, 0.1, 9e-4);
            var high = 0.3 * Density(x, 0.8, 8e-4 / 3 + 5e-4);
            Assert.Equal(low / (low + high), gmm.LowComponentProbability(x), 8);
        }
    }

    [Fact]
    public void RecoversOverlappingGaussianSamples()
    {
        // 600 draws of N(0.2, 0.05²) and 400 of N(0.7, 0.1²).
        var random = new Random(5);
        double Normal(double mean, double sd) =>
            mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var values = Enumerable.Range(0, 600).Select(_ => Normal(0.2, 0.05))
            .Concat(Enumerable.Range(0, 400).Select(_ => Normal(0.7, 0.1))).ToArray();
        var gmm = TwoComponentGaussianMixture.Fit(values);
        Assert.InRange(gmm.LowMean, 0.18, 0.22);
        Assert.InRange(gmm.HighMean, 0.66, 0.74);
        Assert.InRange(gmm.LowWeight, 0.56, 0.64);
        Assert.InRange(Math.Sqrt(gmm.LowVariance), 0.04, 0.065);
        Assert.InRange(gmm.Iterations, 1, 10);
        var posteriors = gmm.LowComponentProbabilities(values);
        Assert.True(posteriors.Take(600).Average() > 0.95);
        Assert.True(posteriors.Skip(600).Average() < 0.1);
    }

    [Fact]
    public void AllEqualValuesGiveOneHalfAndNoNaN()
    {
        var gmm = TwoComponentGaussianMixture.Fit(Enumerable.Repeat(0.3, 50).ToArray());
        Assert.Equal(gmm.LowMean, gmm.HighMean);
        Assert.All(gmm.LowComponentProbabilities([0.3, 0.0, 1.0]), p => Assert.Equal(0.5, p));

        var clean = TwoComponentGaussianMixture.CleanProbabilities(Enumerable.Repeat(2.5f, 20).ToArray());
        Assert.All(clean, p => Assert.Equal(0.5, p));
    }

    [Fact]
    public void OneOutlierAmongEqualValuesStaysFinite()
    {
        var losses = Enumerable.Repeat(0.1f, 30).Append(3f).ToArray();
        var clean = TwoComponentGaussianMixture.CleanProbabilities(losses);
        Assert.All(clean, p => Assert.True(double.IsFinite(p) && p is >= 0 and <= 1));
        Assert.True(clean[0] > 0.99);
        Assert.True(clean[^1] < 0.01);
    }

    [Fact]
    public void SmallerLossesAreMoreLikelyClean()
    {
        // Losses in any scale: min-max normalisation puts them in [0, 1] before the fit.
        float[] losses = [0.05f, 0.1f, 0.08f, 0.12f, 0.07f, 2.1f, 2.4f, 0.09f, 2.2f, 0.11f];
        var clean = TwoComponentGaussianMixture.CleanProbabilities(losses);
        for (var i = 0; i < losses.Length; i++) Assert.Equal(losses[i] < 1, clean[i] > 0.5);
    }

    [Fact]
    public void MinMaxNormalisationMapsToTheUnitInterval()
    {
        Assert.Equal([0.0, 0.5, 1.0], TwoComponentGaussianMixture.MinMaxNormalise([2f, 4f, 6f]));
        Assert.Equal([0.0, 0.0], TwoComponentGaussianMixture.MinMaxNormalise([3f, 3f]));
        Assert.Empty(TwoComponentGaussianMixture.MinMaxNormalise([]));
    }

    [Fact]
    public void QuantileInterpolatesLikeNumpy()
    {
        double[] sorted = [1, 2, 3, 4, 10];
        Assert.Equal(2.0, TwoComponentGaussianMixture.Quantile(sorted, 0.25));
        Assert.Equal(4.0, TwoComponentGaussianMixture.Quantile(sorted, 0.75));
        Assert.Equal(2.5, TwoComponentGaussianMixture.Quantile([1, 2, 3, 4], 0.5));
    }
}
