using Winnow.Metrics;

namespace Winnow.Tests.Metrics;

public class AveragePrecisionTests
{
    [Fact]
    public void MeanPrecisionAtEachPositive()
    {
        // Ranked: + − + −: precision at the positives 1/1 and 2/3 → AP = (1 + 2/3)/2.
        Assert.Equal((1 + 2 / 3.0) / 2, AveragePrecision.Compute([0.9f, 0.8f, 0.7f, 0.1f], [true, false, true, false]), 12);
        // A tie between a positive and a negative counts both at once: precision 1/2.
        Assert.Equal(0.5, AveragePrecision.Compute([0.5f, 0.5f], [true, false]), 12);
        Assert.True(double.IsNaN(AveragePrecision.Compute([1f], [false])));
    }
}
