using Winnow.Data;
using Winnow.Runs;
using Winnow.Tests.Support;

namespace Winnow.Tests.Runs;

public class SelectionFileTests
{
    private static readonly TrainingSetIdentity Ten = new("tiny", 10, new string('a', 64));

    [Fact]
    public void RoundTripsWithTheTrainingSetsIdentity()
    {
        using var folder = new TempFolder();
        SelectionFile.Write(folder.File("s.txt"), [4, 0, 7], Ten);
        Assert.StartsWith($"# winnow selection of train set size 10 from tiny, content sha256 {Ten.Sha256}\n", File.ReadAllText(folder.File("s.txt")));
        Assert.Equal([0, 4, 7], SelectionFile.Read(folder.File("s.txt"), Ten));
    }

    [Fact]
    public void ASelectionForAnotherTrainingSetOfTheSameSizeIsRefused()
    {
        using var folder = new TempFolder();
        SelectionFile.Write(folder.File("s.txt"), [1, 2], Ten);
        var other = Ten with { Sha256 = new string('b', 64) };
        var error = Assert.Throws<WinnowException>(() => SelectionFile.Read(folder.File("s.txt"), other));
        Assert.Equal($"{folder.File("s.txt")} was made for another training set (tiny, 10 samples, content aaaaaaaaaaaa) than this run's (tiny, 10 samples, content bbbbbbbbbbbb); use the same dataset, train size and seed", error.Message);
        Assert.Throws<WinnowException>(() => SelectionFile.ReadIndices(folder.File("s.txt"), other, "reference"));
    }

    [Theory]
    [InlineData("1\n2\n", "does not say which training set it was made for")]
    [InlineData("# winnow selection of train set size 10\n1\n", "does not say which training set it was made for")]
    public void ASelectionWithoutIdentityIsRefused(string content, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("s.txt"), content);
        var error = Assert.Throws<WinnowException>(() => SelectionFile.Read(folder.File("s.txt"), Ten));
        Assert.Contains(expected, error.Message);
        Assert.Equal([1], SelectionFile.ReadIndices(folder.File("s.txt"), Ten, "reference").Take(1)); // a plain index list is fine elsewhere
    }

    [Theory]
    [InlineData("1\n10\n", "outside the training set")]
    [InlineData("1\n-1\n", "outside the training set")]
    [InlineData("3\n3\n", "appears twice")]
    [InlineData("x\n", "not a sample index")]
    [InlineData("# nothing\n", "holds no sample index")]
    public void RejectsBadIndexLists(string content, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("s.txt"), content);
        var error = Assert.Throws<WinnowException>(() => SelectionFile.ReadIndices(folder.File("s.txt"), Ten, "reference"));
        Assert.Contains(expected, error.Message);
    }
}
