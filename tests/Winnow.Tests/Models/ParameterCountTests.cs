using Winnow.Models;

namespace Winnow.Tests.Models;

/// <summary>Pins the architectures to the published sizes, which catches a missing or extra layer.</summary>
public class ParameterCountTests
{
    private static long Count(Classifier model) => model.parameters().Sum(p => p.numel());

    [Fact]
    public void ResNet18ForCifar10HasTheReferenceSize()
    {
        using var model = new ResNet18(3, 10);
        Assert.Equal(11_173_962L, Count(model));
    }

    /// <summary>
    /// ResNet-18's 11,173,962 less the BN differences: ResNet-18 has 9,600 BN parameters (stem,
    /// two per block on the output width, three projection BNs); the pre-activation net has
    /// 7,808 (two per block, the first on the input width, plus the final BN over 512).
    /// </summary>
    [Fact]
    public void PreActResNet18ForCifar10HasTheReasonedSize()
    {
        using var model = new PreActResNet18(3, 10);
        Assert.Equal(11_172_170L, Count(model));
    }

    [Fact]
    public void SmallCnnAndMlpSizesFollowTheirLayers()
    {
        using var cnn = new SmallCnn(1, 28, 28, 10);
        long expectedCnn = (1 * 9 * 32 + 32) + (32 * 9 * 64 + 64) + (64 * 7 * 7 * 128 + 128) + (128 * 10 + 10);
        Assert.Equal(expectedCnn, Count(cnn));

        using var mlp = new Mlp(20, 3);
        Assert.Equal((20 * 256 + 256) + (256 * 128 + 128) + (128 * 3 + 3), Count(mlp));
    }
}
