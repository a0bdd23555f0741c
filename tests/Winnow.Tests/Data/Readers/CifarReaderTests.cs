using Winnow.Data;
using Winnow.Data.Readers;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Readers;

public class CifarReaderTests
{
    private const int Pixels = 3072;

    /// <summary>Records of [labels..., 3072 pixels], pixel p of record r = (r + p) mod 256.</summary>
    private static byte[] Records(params byte[][] labels)
    {
        var bytes = new List<byte>();
        for (var r = 0; r < labels.Length; r++)
        {
            bytes.AddRange(labels[r]);
            bytes.AddRange(Enumerable.Range(0, Pixels).Select(p => (byte)((r + p) % 256)));
        }
        return bytes.ToArray();
    }

    private static string WriteCifar10(TempFolder folder, string? inner = "cifar-10-batches-bin")
    {
        var root = inner is null ? folder.Path : Directory.CreateDirectory(folder.File(inner)).FullName;
        for (var b = 1; b <= 5; b++)
            File.WriteAllBytes(Path.Combine(root, $"data_batch_{b}.bin"), Records([(byte)b], [(byte)(b + 4)]));
        File.WriteAllBytes(Path.Combine(root, "test_batch.bin"), Records([3], [9], [0]));
        return root;
    }

    [Fact]
    public void ReadsCifar10FromTheParentFolder()
    {
        using var folder = new TempFolder();
        WriteCifar10(folder);

        var dataset = DatasetCatalog.Load($"cifar10:{folder.Path}", null, null, 0);

        Assert.Equal(DatasetKind.ColorImage, dataset.Kind);
        Assert.Equal(10, dataset.Train.Count);
        Assert.Equal([1, 5, 2, 6, 3, 7, 4, 8, 5, 9], dataset.Train.Labels);
        Assert.Equal([3, 9, 0], dataset.Test.Labels);
        Assert.Equal([3, 32, 32], dataset.Train.SampleShape);
        // Record 1 of the test file: red plane starts at pixel value 1, blue plane at (1 + 2048) mod 256.
        Assert.Equal(1f, dataset.Test.Features[Pixels + 0]);
        Assert.Equal((1 + 2048) % 256, dataset.Test.Features[Pixels + 2048]);
        Assert.Equal("automobile", dataset.ClassNames[1]);
    }

    [Fact]
    public void TruncatedBatchIsNamed()
    {
        using var folder = new TempFolder();
        var root = WriteCifar10(folder, inner: null);
        var batch = Path.Combine(root, "data_batch_3.bin");
        File.WriteAllBytes(batch, File.ReadAllBytes(batch)[..^100]);

        var error = Assert.Throws<WinnowException>(() => CifarReader.ReadCifar10(root));
        Assert.Contains("data_batch_3.bin", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void MissingBatchIsNamed()
    {
        using var folder = new TempFolder();
        var root = WriteCifar10(folder, inner: null);
        File.Delete(Path.Combine(root, "test_batch.bin"));
        var error = Assert.Throws<WinnowException>(() => CifarReader.ReadCifar10(root));
        Assert.Contains("test_batch.bin", error.Message);
    }

    [Fact]
    public void ReadsCifar100WithSuperClasses()
    {
        using var folder = new TempFolder();
        var root = Directory.CreateDirectory(folder.File("cifar-100-binary")).FullName;
        // (coarse, fine): fine 4 and 30 share super-class 0, fine 55 is in super-class 0 too, fine 1 in 1.
        File.WriteAllBytes(Path.Combine(root, "train.bin"), Records([0, 4], [0, 30], [1, 1], [0, 55], [0, 4]));
        File.WriteAllBytes(Path.Combine(root, "test.bin"), Records([1, 1]));

        var dataset = DatasetCatalog.Load($"cifar100:{folder.Path}", null, null, 0);

        Assert.Equal(100, dataset.ClassCount);
        Assert.Equal([4, 30, 1, 55, 4], dataset.Train.Labels);
        Assert.NotNull(dataset.CoarseLabels);
        Assert.Equal(0, dataset.CoarseLabels![30]);
        Assert.Equal(1, dataset.CoarseLabels[1]);
        Assert.Equal(-1, dataset.CoarseLabels[2]);
    }

    [Fact]
    public void MissingFolder()
    {
        var error = Assert.Throws<WinnowException>(() => DatasetCatalog.Load("cifar10:/nonexistent/cifar", null, null, 0));
        Assert.Contains("not found", error.Message);
    }
}
