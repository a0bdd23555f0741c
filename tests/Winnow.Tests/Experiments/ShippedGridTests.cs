using System.Runtime.CompilerServices;
using Winnow.Experiments;

namespace Winnow.Tests.Experiments;

public class ShippedGridTests
{
    private static string GridsFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "bench", "grids"));

    [Theory]
    [InlineData("quick.json", 8)]
    [InlineData("seeds.json", 114)]
    public void ShippedGridsParseAndExpand(string file, int runs)
    {
        var grid = GridFile.Read(Path.Combine(GridsFolder(), file));
        Assert.Equal(runs, GridExpansion.Expand(grid).Count);
    }
}
