using Winnow.Data;
using Winnow.Data.Readers;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Readers;

public class IdxReaderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsImagesAndLabelsRawOrGzipped(bool gzip)
    {
        using var folder = new TempFolder();
        var pixels = Enumerable.Range(0, 2 * 2 * 3).Select(i => (byte)(i * 10)).ToArray();
        TinyIdx.WriteIdx(folder.File("img"), 0x803, [2, 2, 3], pixels, gzip);
        TinyIdx.WriteIdx(folder.File("lab"), 0x801, [2], [7, 1], gzip);

        var split = IdxReader.ReadSplit(folder.File("img"), folder.File("lab"));

        Assert.Equal([1, 2, 3], split.SampleShape);
        Assert.Equal([7, 1], split.Labels);
        Assert.Equal(pixels.Select(p => (float)p), split.Features);
    }

    [Fact]
    public void TruncatedRawFileIsNamed()
    {
        using var folder = new TempFolder();
        TinyIdx.WriteIdx(folder.File("img"), 0x803, [10, 4, 4], new byte[10 * 16], gzip: false);
        var bytes = File.ReadAllBytes(folder.File("img"));
        File.WriteAllBytes(folder.File("img"), bytes[..^5]);

        var error = Assert.Throws<WinnowException>(() => IdxReader.Read(folder.File("img")));
        Assert.Contains("truncated", error.Message);
        Assert.Contains(folder.File("img"), error.Message);
    }

    [Fact]
    public void TruncatedGzipFileIsAnError()
    {
        using var folder = new TempFolder();
        var random = new Random(3);
        var data = new byte[10 * 16 * 16];
        random.NextBytes(data);
        TinyIdx.WriteIdx(folder.File("img.gz"), 0x803, [10, 16, 16], data);
        var bytes = File.ReadAllBytes(folder.File("img.gz"));
        File.WriteAllBytes(folder.File("img.gz"), bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<WinnowException>(() => IdxReader.Read(folder.File("img.gz")));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void CountMismatchBetweenImagesAndLabels()
    {
        using var folder = new TempFolder();
        TinyIdx.WriteIdx(folder.File("img"), 0x803, [3, 2, 2], new byte[12]);
        TinyIdx.WriteIdx(folder.File("lab"), 0x801, [2], [0, 1]);

        var error = Assert.Throws<WinnowException>(() => IdxReader.ReadSplit(folder.File("img"), folder.File("lab")));
        Assert.Contains("3 images", error.Message);
        Assert.Contains("2 labels", error.Message);
    }

    [Fact]
    public void NotAnIdxFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("x"), "hello world");
        var error = Assert.Throws<WinnowException>(() => IdxReader.Read(folder.File("x")));
        Assert.Contains("not an IDX file", error.Message);
    }

    [Fact]
    public void MissingFile()
    {
        var error = Assert.Throws<WinnowException>(() => IdxReader.Read("/nonexistent/train-images-idx3-ubyte"));
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void CatalogLoadsAnIdxFolder()
    {
        var folder = TinyIdx.Create(trainCount: 30, testCount: 9, classes: 3);
        var dataset = DatasetCatalog.Load($"idx:{folder}", null, null, seed: 0);
        Assert.Equal(DatasetKind.GrayImage, dataset.Kind);
        Assert.Equal(30, dataset.Train.Count);
        Assert.Equal(9, dataset.Test.Count);
        Assert.Equal(3, dataset.ClassCount);
        Assert.Equal([1, 8, 8], dataset.Train.SampleShape);
    }

    [Fact]
    public void NamedDatasetHonoursDataDir()
    {
        var folder = TinyIdx.Create(trainCount: 12, testCount: 6, classes: 3);
        var dataset = DatasetCatalog.Load("mnist", folder, null, seed: 0);
        Assert.Equal(12, dataset.Train.Count);

        var error = Assert.Throws<WinnowException>(() => DatasetCatalog.Load("fashion-mnist", "/nonexistent-dir", null, 0));
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void UnknownDatasetListsTheForms()
    {
        var error = Assert.Throws<WinnowException>(() => DatasetCatalog.Load("imagenet", null, null, 0));
        Assert.Contains("unknown dataset", error.Message);
        Assert.Contains("cifar10:DIR", error.Message);
    }
}
