using Winnow.Learners.DivideMix;

namespace Winnow.Tests.Learners.DivideMix;

public class BetaSamplerTests
{
    [Fact]
    public void SameSeedGivesSameDraws()
    {
        var a = new BetaSampler(7);
        var b = new BetaSampler(7);
        var c = new BetaSampler(8);
        var first = Enumerable.Range(0, 20).Select(_ => a.Beta(4, 4)).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 20).Select(_ => b.Beta(4, 4)).ToArray());
        Assert.NotEqual(first, Enumerable.Range(0, 20).Select(_ => c.Beta(4, 4)).ToArray());
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(0.5, 2)]
    [InlineData(2, 0.3)]
    public void BetaHasTheRightMeanAndVariance(double a, double b)
    {
        var sampler = new BetaSampler(11);
        var draws = Enumerable.Range(0, 40_000).Select(_ => sampler.Beta(a, b)).ToArray();
        Assert.All(draws, x => Assert.InRange(x, 0, 1));
        var mean = draws.Average();
        var variance = draws.Sum(x => (x - mean) * (x - mean)) / draws.Length;
        var expectedMean = a / (a + b);
        var expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        Assert.Equal(expectedMean, mean, 2);
        Assert.InRange(variance, expectedVariance * 0.95, expectedVariance * 1.05);
    }

    [Fact]
    public void GammaHasMeanEqualToShape()
    {
        var sampler = new BetaSampler(2);
        foreach (var shape in new[] { 0.4, 1.0, 3.5 })
        {
            var mean = Enumerable.Range(0, 40_000).Select(_ => sampler.Gamma(shape)).Average();
            Assert.InRange(mean, shape * 0.97, shape * 1.03);
        }
    }
}
