using Winnow.Data;
using Winnow.Models;

namespace Winnow.Tests.Models;

public class ModelCatalogTests
{
    [Fact]
    public void ListsTheModelsWithDescriptions()
    {
        Assert.Equal(["small-cnn", "resnet18", "preact-resnet18", "resnet18-imagenet", "mlp"], ModelCatalog.All.Select(m => m.Name));
        Assert.All(ModelCatalog.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
    }

    [Fact]
    public void UnknownNameErrorListsTheKnownNames()
    {
        var e = Assert.Throws<WinnowException>(() => ModelCatalog.Create("vgg16", [3, 32, 32], 10));
        Assert.Contains("vgg16", e.Message);
        foreach (var name in ModelCatalog.Names) Assert.Contains(name, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(DatasetKind.GrayImage, "small-cnn")]
    [InlineData(DatasetKind.ColorImage, "resnet18")]
    [InlineData(DatasetKind.Table, "mlp")]
    public void DefaultsFollowTheKindOfData(DatasetKind kind, string expected) =>
        Assert.Equal(expected, ModelCatalog.DefaultFor(kind));

    [Theory]
    [InlineData("small-cnn")]
    [InlineData("resnet18")]
    [InlineData("preact-resnet18")]
    public void CnnOnFeatureVectorsIsRefused(string name)
    {
        var e = Assert.Throws<WinnowException>(() => ModelCatalog.Create(name, [20], 3));
        Assert.Contains("mlp", e.Message);
    }

    [Fact]
    public void TooSmallImagesAndDegenerateInputsAreRefused()
    {
        Assert.Throws<WinnowException>(() => ModelCatalog.Create("small-cnn", [1, 3, 28], 10));
        Assert.Throws<WinnowException>(() => ModelCatalog.Create("mlp", [0], 10));
        Assert.Throws<WinnowException>(() => ModelCatalog.Create("mlp", [], 10));
        Assert.Throws<WinnowException>(() => ModelCatalog.Create("mlp", [4], 1));
    }

    [Fact]
    public void NamesAreCaseInsensitive()
    {
        using var model = ModelCatalog.Create(" MLP ", [4], 2);
        Assert.IsType<Mlp>(model);
    }
}
