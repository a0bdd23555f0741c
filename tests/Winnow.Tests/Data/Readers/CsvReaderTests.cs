using Winnow.Data;
using Winnow.Data.Readers;
using Winnow.Tests.Support;

namespace Winnow.Tests.Data.Readers;

public class CsvReaderTests
{
    [Fact]
    public void HeaderlessNumericLabelsInTheLastColumn()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.csv"), "1.5,2,10\n3,4e-1,2\n\n5,6,10\n");

        var table = CsvReader.Read(folder.File("t.csv"), null);

        Assert.Null(table.Header);
        Assert.Equal(2, table.FeatureCount);
        Assert.Equal([1.5f, 2f, 3f, 0.4f, 5f, 6f], table.Features);
        Assert.Equal(["10", "2", "10"], table.Labels);
        // Numeric labels are ordered as numbers, not strings.
        Assert.Equal(["2", "10"], CsvReader.ClassNames(table.Labels));
    }

    [Fact]
    public void HeaderDetectedAndLabelColumnByName()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.csv"), "species,a,b\ncat,1,2\n\"dog, big\",3,4\n");

        var table = CsvReader.Read(folder.File("t.csv"), "species");

        Assert.Equal(["species", "a", "b"], table.Header!);
        Assert.Equal([1f, 2f, 3f, 4f], table.Features);
        Assert.Equal(["cat", "dog, big"], table.Labels);
    }

    [Fact]
    public void LabelColumnByIndex()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.csv"), "0,9,8\n1,7,6\n");
        var table = CsvReader.Read(folder.File("t.csv"), "0");
        Assert.Equal(["0", "1"], table.Labels);
        Assert.Equal([9f, 8f, 7f, 6f], table.Features);
    }

    [Theory]
    [InlineData("1,2,0\n3,0\n", "has 2 fields")]
    [InlineData("1,2,0\n3,x,1\n", "not a finite number")]
    [InlineData("1,2,0\n3,4,\n", "empty label")]
    [InlineData("", "empty")]
    public void BadRowsNameTheLine(string content, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.csv"), content);
        var error = Assert.Throws<WinnowException>(() => CsvReader.Read(folder.File("t.csv"), null));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void UnknownLabelColumn()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.csv"), "a,b,y\n1,2,0\n");
        Assert.Contains("no column named", Assert.Throws<WinnowException>(() => CsvReader.Read(folder.File("t.csv"), "label")).Message);
        Assert.Contains("outside", Assert.Throws<WinnowException>(() => CsvReader.Read(folder.File("t.csv"), "7")).Message);
    }

    [Fact]
    public void SingleFileHoldsOutAStratifiedFifthAsTest()
    {
        using var folder = new TempFolder();
        var rows = Enumerable.Range(0, 100).Select(i => $"{i},{i * 2},{(i < 70 ? "a" : "b")}");
        File.WriteAllLines(folder.File("t.csv"), rows);

        var dataset = DatasetCatalog.Load($"csv:{folder.File("t.csv")}", null, null, seed: 4);
        var again = DatasetCatalog.Load($"csv:{folder.File("t.csv")}", null, null, seed: 4);

        Assert.Equal(DatasetKind.Table, dataset.Kind);
        Assert.Equal(80, dataset.Train.Count);
        Assert.Equal(20, dataset.Test.Count);
        Assert.Equal(14, dataset.Test.Labels.Count(l => l == 0));
        Assert.Equal(6, dataset.Test.Labels.Count(l => l == 1));
        Assert.Equal(["a", "b"], dataset.ClassNames);
        Assert.Equal(dataset.Test.Features, again.Test.Features);
        // Train and test are disjoint and together hold every row (first feature = row number).
        var seen = dataset.Train.Features.Where((_, i) => i % 2 == 0).Concat(dataset.Test.Features.Where((_, i) => i % 2 == 0));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), seen.Order());
    }

    [Fact]
    public void TheHeldOutRowsOfASeedStayTheSame()
    {
        // Pinned from the code before the hold-out was shared with NumPy arrays: a CSV run must split as it always did.
        using var folder = new TempFolder();
        File.WriteAllLines(folder.File("t.csv"), Enumerable.Range(0, 30).Select(i => $"{i},{i % 3 == 0 || i % 5 == 0}".Replace("True", "x").Replace("False", "y")));

        var dataset = DatasetCatalog.Load($"csv:{folder.File("t.csv")}", null, null, seed: 7);

        Assert.Equal(PinnedTestRows, dataset.Test.Features);
        Assert.Equal(24, dataset.Train.Count);
    }

    private static readonly float[] PinnedTestRows = [7, 11, 14, 18, 20, 21];

    [Fact]
    public void SeparateTestFileMustMatch()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("train.csv"), "1,2,a\n3,4,b\n");
        File.WriteAllText(folder.File("test.csv"), "1,a\n");
        File.WriteAllText(folder.File("test2.csv"), "1,2,c\n");
        File.WriteAllText(folder.File("test3.csv"), "5,6,b\n");

        Assert.Contains("feature columns", Assert.Throws<WinnowException>(() =>
            DatasetCatalog.Load($"csv:{folder.File("train.csv")},{folder.File("test.csv")}", null, null, 0)).Message);
        Assert.Contains("never occurs", Assert.Throws<WinnowException>(() =>
            DatasetCatalog.Load($"csv:{folder.File("train.csv")},{folder.File("test2.csv")}", null, null, 0)).Message);
        var dataset = DatasetCatalog.Load($"csv:{folder.File("train.csv")},{folder.File("test3.csv")}", null, null, 0);
        Assert.Equal([1], dataset.Test.Labels);
    }
}
