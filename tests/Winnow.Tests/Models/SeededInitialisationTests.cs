using TorchSharp;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Tests.Models;

/// <summary>A manual seed fixes a model's initial weights (needed for reproducible runs).</summary>
[Collection(TorchGlobalRandomCollection.Name)]
public class SeededInitialisationTests
{
    [Theory]
    [InlineData("small-cnn")]
    [InlineData("resnet18")]
    [InlineData("preact-resnet18")]
    [InlineData("mlp")]
    public void SameSeedGivesSameInitialWeights(string name)
    {
        int[] shape = name == "mlp" ? [12] : [3, 16, 16];
        random.manual_seed(42);
        using var a = ModelCatalog.Create(name, shape, 10);
        random.manual_seed(42);
        using var b = ModelCatalog.Create(name, shape, 10);
        random.manual_seed(43);
        using var c = ModelCatalog.Create(name, shape, 10);

        var pa = a.named_parameters().ToList();
        var pb = b.named_parameters().ToList();
        var pc = c.named_parameters().ToList();
        Assert.Equal(pa.Select(p => p.name), pb.Select(p => p.name));
        Assert.All(pa.Zip(pb), p => Assert.True(p.First.parameter.Equals(p.Second.parameter), p.First.name));
        Assert.Contains(pa.Zip(pc), p => !p.First.parameter.Equals(p.Second.parameter));
    }
}
