using Winnow.Scoring;

namespace Winnow.Tests.Scoring;

public class ProbabilityScoresTests
{
    // Two samples, three classes.
    private static readonly float[] P = [0.7f, 0.2f, 0.1f, 0.1f, 0.45f, 0.45f];
    private static readonly int[] Y = [0, 2];

    [Fact]
    public void El2nIsTheDistanceToTheOneHotLabel()
    {
        var scores = ProbabilityScores.El2n(P, Y, 3);
        Assert.Equal(Math.Sqrt(0.09 + 0.04 + 0.01), scores[0], 5);
        Assert.Equal(Math.Sqrt(0.01 + 0.2025 + 0.3025), scores[1], 5);
    }

    [Fact]
    public void UncertaintyScoresMatchHandComputation()
    {
        var margin = ProbabilityScores.Margin(P, 2, 3);
        Assert.Equal(0.5f, margin[0], 5);
        Assert.Equal(0f, margin[1], 5);
        Assert.Equal([0.7f, 0.45f], ProbabilityScores.MaxProbability(P, 2, 3));
        var entropy = ProbabilityScores.Entropy(P, 2, 3);
        Assert.Equal(-(0.7 * Math.Log(0.7) + 0.2 * Math.Log(0.2) + 0.1 * Math.Log(0.1)), entropy[0], 5);
        var loss = ProbabilityScores.Loss(P, Y, 3);
        Assert.Equal(-Math.Log(0.7), loss[0], 5);
        Assert.Equal(-Math.Log(0.45), loss[1], 5);
    }
}
