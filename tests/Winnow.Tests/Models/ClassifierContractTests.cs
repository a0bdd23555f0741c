using TorchSharp;
using Winnow.Models;
using static TorchSharp.torch;

namespace Winnow.Tests.Models;

/// <summary>Every catalog model honours the Classifier contract: shapes and forward = Head(Embed).</summary>
public class ClassifierContractTests
{
    public static TheoryData<string, int[], int> Cases => new()
    {
        { "small-cnn", [1, 28, 28], 10 },
        { "small-cnn", [3, 9, 7], 4 },
        { "resnet18", [3, 32, 32], 10 },
        { "resnet18", [1, 28, 28], 7 },
        { "preact-resnet18", [3, 32, 32], 10 },
        { "mlp", [20], 3 },
        { "mlp", [1, 5, 4], 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogitsAndEmbeddingHaveTheRightShapes(string name, int[] shape, int classes)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using var model = ModelCatalog.Create(name, shape, classes);
        model.eval();
        var x = randn([2, .. shape.Select(d => (long)d)]);

        using var _ = no_grad();
        var logits = model.call(x);
        var h = model.Embed(x);

        Assert.Equal(new long[] { 2, classes }, logits.shape);
        Assert.Equal(new long[] { 2, model.EmbeddingSize }, h.shape);
        Assert.Equal(classes, model.ClassCount);
        Assert.True(logits.allclose(model.Head.call(h)));
    }

    [Theory]
    [InlineData("small-cnn", 128)]
    [InlineData("resnet18", 512)]
    [InlineData("preact-resnet18", 512)]
    [InlineData("mlp", 128)]
    public void EmbeddingWidthIsAsDocumented(string name, long width)
    {
        int[] shape = name == "mlp" ? [10] : [3, 8, 8];
        using var model = ModelCatalog.Create(name, shape, 5);
        Assert.Equal(width, model.EmbeddingSize);
    }
}
