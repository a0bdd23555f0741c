using System.IO.Compression;
using Winnow.Experiments;
using Winnow.Tests.Support;

namespace Winnow.Tests.Experiments;

/// <summary>A grid's dataset takes the layout as a key, checked with the data before any work.</summary>
public class GridArrayDatasetTests
{
    private static string Grid(string dataset) => $$"""
        {
          "datasets": [{{dataset}}],
          "noise": ["none"], "seeds": [1], "trainer": {"epochs": 1}, "arms": ["full"]
        }
        """;

    [Fact]
    public void TheLayoutKeyReachesTheArrays()
    {
        using var folder = new TempFolder();
        var path = folder.File("d.npz");
        NpyBytes.WriteNpz(path, CompressionLevel.Fastest, ("x", NpyBytes.Bytes(new byte[10 * 8 * 8 * 3], 10, 8, 8, 3)), ("y", NpyBytes.Longs([0, 1, 0, 1, 0, 1, 0, 1, 0, 1])));

        GridCheck.Check(GridFile.Parse("g.json", Grid($"{{\"name\": \"npz:{path}\", \"layout\": \"nhwc\"}}")));
        var forced = Assert.Throws<WinnowException>(() => GridCheck.Check(GridFile.Parse("g.json", Grid($"{{\"name\": \"npz:{path}\", \"layout\": \"nchw\"}}"))));
        Assert.Equal($"g.json:2: datasets[0]: {path}[x] has shape (10, 8, 8, 3), which as nchw is images of 8 channels; images must have 1 (gray) or 3 (colour)", forced.Message);
    }

    [Theory]
    [InlineData("{\"name\": \"npz:d.npz\", \"layout\": \"xyz\"}", "g.json:2: datasets[0].layout: must be one of nchw, nhwc (got 'xyz')")]
    [InlineData("{\"name\": \"mnist\", \"layout\": \"nhwc\"}", "g.json:2: datasets[0].layout: applies to npy: and npz: datasets only")]
    public void ABadLayoutNamesItsKey(string dataset, string message)
    {
        Assert.Equal(message, Assert.Throws<WinnowException>(() => GridFile.Parse("g.json", Grid(dataset))).Message);
    }
}
