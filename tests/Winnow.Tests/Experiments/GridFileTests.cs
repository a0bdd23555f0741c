using Winnow.Experiments;

namespace Winnow.Tests.Experiments;

public class GridFileTests
{
    private const string Json = """
        {
          "name": "tiny",
          "datasets": [{"name": "fashion-mnist", "train_size": 400}],
          "noise": ["none", "symmetric:0.4"],
          "fractions": [0.3, 0.6],
          "seeds": [1, 2],
          "trainer": {"epochs": 4},
          "arms": [
            {"method": "el2n"},
            "full",
            {"method": "random", "kd": true, "kd_alpha": "auto"},
            {"dynamic": "infobatch", "prune_ratio": 0.5}
          ]
        }
        """;

    private const string Yaml = """
        name: tiny
        datasets:
          - name: fashion-mnist
            train_size: 400
        noise: [none, "symmetric:0.4"]
        fractions: [0.3, 0.6]
        seeds: [1, 2]
        trainer:
          epochs: 4
        arms:
          - method: el2n
          - full
          - {method: random, kd: true, kd_alpha: auto}
          - dynamic: infobatch
            prune_ratio: 0.5
        """;

    [Fact]
    public void ExpandsEveryAxisWithFullDataFirstAndNoFractionForFullOrDynamicArms()
    {
        var runs = GridExpansion.Expand(GridFile.Parse("tiny.json", Json));
        // per noise × seed: full, el2n × 2, random + kd × 2, infobatch
        Assert.Equal(2 * 2 * 6, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => r.Hash).Distinct().Count());
        var first = runs.Take(6).ToArray();
        Assert.Equal(["full", "el2n", "el2n", "random + kd", "random + kd", "infobatch (r 0.5)"], first.Select(r => r.Label));
        Assert.All(first, r => Assert.Equal((r.Noise, r.Seed), ("none", 1)));
        Assert.Null(first[0].Fraction);
        Assert.Null(first[5].Fraction);
        Assert.Equal([0.3, 0.6], first.Skip(1).Take(2).Select(r => r.Fraction!.Value));
        Assert.All(runs, r => Assert.Equal(runs.Single(f => f.Kind == "full" && f.Noise == r.Noise && f.Seed == r.Seed).Hash, r.FullHash));
    }

    [Fact]
    public void YamlAndJsonOfTheSameGridGiveTheSameRuns()
    {
        var fromJson = GridExpansion.Expand(GridFile.Parse("tiny.json", Json));
        var fromYaml = GridExpansion.Expand(GridFile.Parse("tiny.yaml", Yaml));
        Assert.Equal(fromJson.Select(r => r.Hash), fromYaml.Select(r => r.Hash));
    }

    [Fact]
    public void HashIgnoresLayoutKeyOrderAndLabelsButNotSettings()
    {
        static string[] Hashes(string text) => GridExpansion.Expand(GridFile.Parse("g.json", text)).Select(r => r.Hash).ToArray();
        const string Grid = """{"datasets": ["fashion-mnist"], "noise": ["none"], "fractions": [0.5], "seeds": [1], "trainer": {"epochs": 3, "lr": 0.05}, "arms": [{"method": "el2n"}]}""";
        var baseline = Hashes(Grid);
        Assert.Equal(baseline, Hashes("""
            { "arms": [ { "label": "EL2N (renamed)", "method": "el2n" } ],
              "trainer": {"lr": 0.05, "epochs": 3}, "seeds": [1], "fractions": [0.50], "noise": ["none"], "datasets": ["fashion-mnist"] }
            """));
        Assert.NotEqual(baseline, Hashes(Grid.Replace("\"epochs\": 3", "\"epochs\": 4")));
        Assert.NotEqual(baseline, Hashes(Grid.Replace("[0.5]", "[0.4]")));
        Assert.NotEqual(baseline, Hashes(Grid.Replace("{\"method\": \"el2n\"}", "{\"method\": \"el2n\", \"scoring\": {\"repeats\": 2}}")));
        Assert.NotEqual(baseline, Hashes(Grid.Replace("{\"method\": \"el2n\"}", "{\"method\": \"el2n\", \"learner\": \"sop\"}")));
    }

    [Fact]
    public void EveryDeclaredTrainerSettingIsAGridKeyAndPartOfTheHash()
    {
        static string Hash(string trainer) => GridExpansion.Expand(GridFile.Parse("g.json",
            $$"""{"datasets": ["fashion-mnist"], "noise": ["none"], "seeds": [1], "trainer": {{{trainer}}}, "arms": ["full"]}""")).Single().Hash;
        var baseline = Hash("");
        foreach (var setting in Winnow.Settings.Declared.Of<Winnow.Training.TrainerOptions>())
        {
            // The default written out gives the same run; another value gives another run.
            if (setting.Default is not null) Assert.Equal(baseline, Hash($"\"{setting.Key}\": {JsonValue(setting, setting.Default)}"));
            var other = setting.ValueType == typeof(bool) ? !(bool)setting.Default!
                : setting.ValueType == typeof(int) ? (object)((int)setting.Default! + 1)
                : setting.ValueType == typeof(double) ? (setting.Default is double d ? d / 2 : 0.01) // below the learning rate, for min-lr
                : Enum.GetValues(setting.ValueType).Cast<object>().First(v => !v.Equals(setting.Default));
            Assert.NotEqual(baseline, Hash($"\"{setting.Key}\": {JsonValue(setting, other)}"));
        }
    }

    [Fact]
    public void EverySignalIsAGridKeyAndTheAutoWindowToo()
    {
        const string Grid = """{"datasets": ["fashion-mnist"], "noise": ["symmetric:0.4"], "seeds": [1], "trainer": {"epochs": 40}, "arms": [ARMS]}""";
        var runs = GridExpansion.Expand(GridFile.Parse("g.json", Grid.Replace("ARMS",
            """{"dynamic": "infobatch", "signal": "mean-loss"}, {"dynamic": "ucb", "signal": "aum"}, {"dynamic": "infobatch", "align": true, "das_window": "auto"}""")));
        Assert.Equal(["infobatch + mean-loss (r 0.5)", "ucb + aum (r 0.5)", "infobatch + align (r 0.5)"], runs.Select(r => r.Label));
        Assert.Equal(["mean-loss", "aum", "das"], runs.Select(r => ((Winnow.Runs.DynamicPruning)r.Spec.Pruning).Signal));
        Assert.Null(((Winnow.Runs.DynamicPruning)runs[2].Spec.Pruning).Alignment.DasWindow);
        var unknown = Assert.Throws<WinnowException>(() => GridExpansion.Expand(GridFile.Parse("g.json", Grid.Replace("ARMS", """{"dynamic": "uniform", "signal": "gradient"}"""))));
        Assert.Contains("must be one of loss, das, mean-loss, aum (got 'gradient')", unknown.Message);
    }

    private static string JsonValue(Winnow.Settings.Setting setting, object value) =>
        value is string or Enum ? $"\"{setting.Format(value)}\"" : setting.Format(value);

    [Fact]
    public void TheDeviceIsResolvedBeforeHashingSoAutoAndTheCpuAreTheSameRunsHere()
    {
        const string Grid = """{"datasets": ["d"], "noise": ["none"], "seeds": [1], DEVICE "arms": ["full"]}""";
        string[] Runs(string device) => GridExpansion.Expand(GridFile.Parse("g.json", Grid.Replace("DEVICE", device)))
            .Select(r => $"{r.Spec.Device} {r.Hash}").ToArray();
        var auto = Runs("");
        Assert.StartsWith("cpu ", auto[0]); // no GPU on the machines these tests run on
        Assert.Equal(auto, Runs("\"device\": \"auto\","));
        Assert.Equal(auto, Runs("\"device\": \"cpu\","));
        var onCommandLine = GridExpansion.Expand(GridFile.Parse("g.json", Grid.Replace("DEVICE", "\"device\": \"cuda\",")).OnDevice("cpu"));
        Assert.Equal(auto, onCommandLine.Select(r => $"{r.Spec.Device} {r.Hash}"));
    }

    [Fact]
    public void ARunTwoBlocksShareIsRunOnce()
    {
        var grid = GridFile.Parse("blocks.json", """
            {
              "datasets": ["fashion-mnist"], "seeds": [1], "trainer": {"epochs": 3},
              "blocks": [
                {"name": "a", "noise": ["none"], "fractions": [0.1, 0.2], "arms": ["random", "el2n"]},
                {"name": "b", "noise": ["none"], "fractions": [0.2, 0.5], "arms": ["full", "random"]}
              ]
            }
            """);
        var runs = GridExpansion.Expand(grid);
        Assert.Equal(["full", "random", "random", "el2n", "el2n", "random"], runs.Select(r => r.Label));
        Assert.Equal([0.1, 0.2, 0.5], runs.Where(r => r.Label == "random").Select(r => r.Fraction!.Value));
    }

    public static TheoryData<string, string, string> BadGrids => new()
    {
        { "unknown arm key", """{"datasets": ["d"], "noise": ["none"], "fractions": [0.5], "seeds": [1],\n "arms": [\n  {"method": "el2n", "lerner": "sop"}]}""", "g.json:3: arms[0].lerner: unknown key 'lerner' in a static arm" },
        { "unknown top-level key", """{"datasets": ["d"],\n "noize": ["none"], "seeds": [1], "arms": ["full"]}""", "g.json:2: noize: unknown key 'noize' in the grid" },
        { "unknown method", """{"datasets": ["d"], "noise": ["none"], "fractions": [0.5], "seeds": [1],\n "arms": [{"method": "el3n"}]}""", "g.json:2: arms[0].method: must be one of random, el2n, grand" },
        { "unknown arm string", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "arms": ["infobatch"]}""", "arms[0]: unknown arm 'infobatch'" },
        { "unknown pruner", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "arms": [{"dynamic": "fastest"}]}""", "arms[0].dynamic: must be one of uniform, infobatch, ucb, epsilon-greedy (got 'fastest')" },
        { "unknown learner", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "arms": [{"full": true, "learner": "coteach"}]}""", "arms[0].learner: must be one of ce, sop, dividemix (got 'coteach')" },
        { "empty arms", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "arms": []}""", "g.json:1: arms: is empty" },
        { "empty seeds", """{"datasets": ["d"], "noise": ["none"], "seeds": [], "arms": ["full"]}""", "seeds: is empty" },
        { "no arms at all", """{"datasets": ["d"], "noise": ["none"], "seeds": [1]}""", "the grid holds no run" },
        { "static arm without fractions", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "arms": ["random"]}""", "static arms but no kept fractions" },
        { "fraction out of range", """{"datasets": ["d"], "noise": ["none"], "fractions": [0.5, 1.5], "seeds": [1], "arms": ["random"]}""", "fractions[1]: kept fraction 1.5 is outside (0, 1]" },
        { "wrong type", """{"datasets": ["d"], "noise": ["none"], "seeds": ["one"], "arms": ["full"]}""", "seeds[0]: must be a number" },
        { "bad noise", """{"datasets": ["d"], "noise": ["symmetric:2"], "seeds": [1], "arms": ["full"]}""", "noise[0]: noise rate 2 is outside [0, 1)" },
        { "kd with sop", """{"datasets": ["d"], "noise": ["none"], "fractions": [0.5], "seeds": [1], "arms": [{"method": "random", "learner": "sop", "kd": true}]}""", "arms[0].kd: knowledge distillation works with the ce learner only" },
        { "kd_alpha without kd", """{"datasets": ["d"], "noise": ["none"], "fractions": [0.5], "seeds": [1], "arms": [{"method": "random", "kd_alpha": 0.5}]}""", "arms[0].kd_alpha: applies with \"kd\": true only" },
        { "align without noise", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "trainer": {"epochs": 12}, "arms": [{"dynamic": "uniform", "align": true}]}""", "g.json:1: arms[0]: DAS needs a trusted reference set: without injected noise no clean samples are known" },
        { "bad trainer value", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "trainer": {"epochs": 0}, "arms": ["full"]}""", "g.json:1: trainer.epochs: must be at least 1 (got 0)" },
        { "unknown model", """{"datasets": ["d"], "noise": ["none"], "seeds": [1],\n "model": "resnet50", "arms": ["full"]}""", "g.json:2: model: unknown model 'resnet50' (known: small-cnn, resnet18, preact-resnet18, resnet18-imagenet, mlp)" },
        { "dividemix with dynamic pruning", """{"datasets": ["d"], "noise": ["none"], "seeds": [1],\n "arms": [{"dynamic": "uniform", "learner": "dividemix"}]}""", "g.json:2: arms[0]: the dividemix learner trains on a fixed set of samples: it cannot be combined with dynamic pruning" },
        { "das window above the epochs", """{"datasets": ["d"], "noise": ["symmetric:0.2"], "seeds": [1], "trainer": {"epochs": 4},\n "arms": [{"dynamic": "uniform", "align": true, "das_window": 5}]}""", "g.json:2: arms[0]: the DAS window of 5 epochs exceeds the 4 training epochs" },
        { "das window without align", """{"datasets": ["d"], "noise": ["none"], "seeds": [1],\n "arms": [{"dynamic": "uniform", "das_window": 5}]}""", "g.json:2: arms[0].das_window: applies with \"align\": true only" },
        { "a learner setting out of range", """{"datasets": ["d"], "noise": ["none"], "seeds": [1],\n "arms": [{"full": true, "learner": "sop", "sop_lr_u": -1}]}""", "g.json:2: arms[0].sop_lr_u: must be above 0 (got -1)" },
        { "duplicate key", """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "seeds": [2], "arms": ["full"]}""", "the key 'seeds' appears twice" },
        { "two arms one label", """{"datasets": ["d"], "noise": ["none"], "fractions": [0.5], "seeds": [1], "arms": [{"method": "random", "label": "x"}, {"method": "el2n", "label": "x"}]}""", "the label 'x' names two different arms" },
        { "not JSON", """{"datasets": ["d"],, "arms": []}""", "g.json:1: not valid JSON" },
        { "unknown device", """{"datasets": ["d"], "noise": ["none"], "seeds": [1],\n "device": "gpu", "arms": ["full"]}""", "g.json:2: device: must be one of auto, cpu, cuda or cuda:N (got 'gpu')" },
        { "cuda without a GPU", """{"datasets": ["d"], "noise": ["none"], "seeds": [1],\n "device": "cuda:1", "arms": ["full"]}""", "g.json:2: device: device 'cuda:1': CUDA is not available" },
    };

    [Theory]
    [MemberData(nameof(BadGrids))]
    public void BadGridFailsWithOneLineNamingTheKey(string because, string text, string message)
    {
        var error = Assert.Throws<WinnowException>(() => GridExpansion.Expand(GridFile.Parse("g.json", text.Replace("\\n", "\n"))));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void CompareNamesPairsOfArmLabelsAndRefusesAnyOther()
    {
        const string Grid = """{"datasets": ["d"], "noise": ["none"], "seeds": [1], "fractions": [0.5], "arms": ["full", {"method": "el2n"}, {"method": "random", "label": "uniform"}], COMPARE}""";
        var grid = GridFile.Parse("g.json", Grid.Replace("COMPARE", """ "compare": [["el2n", "uniform"], ["el2n", "full"]] """));
        Assert.Equal([new GridComparison("el2n", "uniform"), new GridComparison("el2n", "full")], grid.Comparisons);
        Assert.Empty(GridFile.Parse("g.json", Grid.Replace(", COMPARE", "")).Comparisons);
        foreach (var (compare, message) in new[]
        {
            (""" "compare": [["el2n", "random"]] """, "g.json:1: compare[0][1]: no arm is labelled 'random' (arms: 'full', 'el2n', 'uniform')"),
            (""" "compare": [["el2n"]] """, "g.json:1: compare[0]: a comparison is a pair of arm labels [A, B], got 1 entries"),
            (""" "compare": [["full", "full"]] """, "g.json:1: compare[0]: compares the arm 'full' with itself"),
            (""" "compare": [["full", "el2n"], ["full", "el2n"]] """, "g.json:1: compare[1]: the comparison ['full', 'el2n'] appears twice"),
        })
        {
            Assert.Equal(message, Assert.Throws<WinnowException>(() => GridFile.Parse("g.json", Grid.Replace("COMPARE", compare))).Message);
        }
    }

    [Fact]
    public void YamlErrorsNameTheLineToo()
    {
        var error = Assert.Throws<WinnowException>(() => GridFile.Parse("g.yaml", "datasets: [d]\nnoise: [none]\nseeds: [1]\narms:\n  - method: random\n    kd: maybe\n"));
        Assert.StartsWith("g.yaml:6: arms[0].kd: must be true or false", error.Message);
        var scoring = Assert.Throws<WinnowException>(() => GridFile.Parse("g.yaml", "datasets: [d]\nnoise: [none]\nseeds: [1]\nscoring:\n  gradients: partial\narms: [full]\n"));
        Assert.Equal("g.yaml:5: scoring.gradients: must be one of last-layer, full (got 'partial')", scoring.Message);
    }
}
