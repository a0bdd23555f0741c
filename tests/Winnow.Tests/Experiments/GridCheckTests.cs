using Winnow.Experiments;
using Winnow.Tests.Support;

namespace Winnow.Tests.Experiments;

/// <summary>
/// Mistakes only the data can reveal are found before a grid claims its folder: the error names
/// the file, line and key, and the output folder is not even created (so the fixed grid is not
/// refused as "another grid").
/// </summary>
public class GridCheckTests
{
    private static string Grid(string datasets, string extra = "") => $$"""
        {
          "datasets": [{{datasets}}],
          "noise": ["symmetric:0.2"],
          "seeds": [1],{{extra}}
          "trainer": {"epochs": 1},
          "arms": ["full"]
        }
        """;

    public static TheoryData<string, string, string> BadGrids => new()
    {
        { "unknown dataset", "\"imagenet\"", "g.json:2: datasets[0]: unknown dataset 'imagenet'" },
        { "missing idx folder", "\"idx:/nonexistent/winnow\"", "g.json:2: datasets[0]: data directory not found: /nonexistent/winnow" },
        { "missing data_dir", "{\"name\": \"fashion-mnist\", \"data_dir\": \"/nonexistent/fm\"}", "g.json:2: datasets[0]: data directory not found: /nonexistent/fm" },
        { "train size larger than the data", "{\"name\": \"idx:DATA\",\n \"train_size\": 500}", "g.json:3: datasets[0].train_size: train size 500 is larger than the 30 training samples of idx:DATA" },
        { "csv label column that does not exist", "{\"name\": \"csv:CSV\", \"label_column\": \"species\"}", "g.json:2: datasets[0]: " },
        { "model that cannot take the samples", "{\"name\": \"csv:CSV\"}", "g.json:5: model: model 'small-cnn' needs image samples [C, H, W]" },
        { "missing noise file", "\"idx:DATA\"", "g.json:4: noise[0]: noisy label file not found: /nonexistent/labels.txt" },
    };

    [Theory]
    [MemberData(nameof(BadGrids))]
    public void IsFoundBeforeTheFolderIsClaimed(string because, string datasets, string message)
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 30, testCount: 6);
        var csv = Path.Combine(tiny.Path, "table.csv");
        File.WriteAllLines(csv, ["a,b,label", .. Enumerable.Range(0, 20).Select(i => $"{i},{i % 3},{i % 2}")]);
        var text = Grid(datasets.Replace("DATA", tiny.Path).Replace("CSV", csv), because.StartsWith("model") ? "\n  \"model\": \"small-cnn\"," : "");
        if (because == "missing noise file") text = text.Replace("\"symmetric:0.2\"", "\n \"file:/nonexistent/labels.txt\"");
        var output = Path.Combine(tiny.Path, "out");
        var error = Assert.Throws<WinnowException>(() => GridRunner.Run(GridFile.Parse("g.json", text), output));
        Assert.True(error.Message.StartsWith(message.Replace("DATA", tiny.Path), StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(output), $"{because}: the output folder was created");
    }
}

public class GridInitTests
{
    private static readonly string Weights = Path.Combine(AppContext.BaseDirectory, "Fixtures", "weights", "mlp-6x3.pt"); // an mlp for 6 features, 3 classes

    private static string Grid(string data, string init) => $$"""
        {
          "datasets": ["idx:{{data}}"], "noise": ["symmetric:0.2"], "seeds": [1], "model": "mlp",
          {{init}}
          "trainer": {"epochs": 1}, "arms": ["full"]
        }
        """;

    [Fact]
    public void AWeightsFileThatDoesNotFitIsFoundBeforeTheFolderIsClaimed()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 30, testCount: 6);
        var output = Path.Combine(tiny.Path, "out");
        var error = Assert.Throws<WinnowException>(() => GridRunner.Run(GridFile.Parse("g.json", Grid(tiny.Path, $"\"init\": \"{Weights}\",")), output));
        Assert.StartsWith("g.json:3: init: ", error.Message);
        Assert.Contains("1 mis-shaped (fc1.weight: file [256, 6], model [256, 64])", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void InitAndInitStrictReachEveryRunAndItsHash()
    {
        using var tiny = new GridTestSupport.TinyData(trainCount: 30, testCount: 6);
        var plain = GridExpansion.Expand(GridFile.Parse("g.json", Grid(tiny.Path, ""))).Single();
        var loose = GridExpansion.Expand(GridFile.Parse("g.json", Grid(tiny.Path, $"\"init\": \"{Weights}\", \"init_strict\": false,"))).Single();
        Assert.Null(plain.Spec.Init);
        Assert.Equal(Weights, loose.Spec.Init);
        Assert.False(loose.Spec.InitStrict);
        Assert.NotEqual(plain.Hash, loose.Hash);
        var summary = GridRunner.Run(GridFile.Parse("g.json", Grid(tiny.Path, $"\"init\": \"{Weights}\", \"init_strict\": false,")), Path.Combine(tiny.Path, "out"));
        Assert.Equal((1, 0), (summary.Finished, summary.Failed));
    }
}
