using Winnow.Runs;
using Winnow.Tests.Support;

namespace Winnow.Tests.Runs;

public class SelectionFileTests
{
    [Fact]
    public void RoundTrips()
    {
        using var folder = new TempFolder();
        SelectionFile.Write(folder.File("s.txt"), [4, 0, 7], 10);
        Assert.Equal([0, 4, 7], SelectionFile.Read(folder.File("s.txt"), 10));
    }

    [Theory]
    [InlineData("1\n10\n", "outside the training set")]
    [InlineData("1\n-1\n", "outside the training set")]
    [InlineData("3\n3\n", "appears twice")]
    [InlineData("x\n", "not a sample index")]
    [InlineData("# nothing\n", "holds no sample index")]
    [InlineData("# winnow selection of train set size 20\n1\n", "training set of 20 samples")]
    public void RejectsBadFiles(string content, string expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("s.txt"), content);
        var error = Assert.Throws<WinnowException>(() => SelectionFile.Read(folder.File("s.txt"), 10));
        Assert.Contains(expected, error.Message);
    }
}
