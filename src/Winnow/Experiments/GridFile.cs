using System.Globalization;
using Winnow.Data.Noise;
using Winnow.Dynamic;
using Winnow.Learners;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// Reads and checks a grid file (JSON, or YAML by its .yaml/.yml extension). Every mistake —
/// an unknown key, method, pruner or learner, a value of the wrong type or range, an empty axis —
/// fails with one line naming the file, line and key. The keys are documented in the README and
/// in bench/grids/.
/// </summary>
public static class GridFile
{
    private static readonly string[] AxisKeys = ["datasets", "noise", "fractions", "seeds", "model", "trainer", "scoring"];
    private static readonly string[] TrainerKeys = ["epochs", "batch_size", "lr", "momentum", "nesterov", "weight_decay", "schedule", "augment"];
    private static readonly string[] ScoringKeys = ["score_epochs", "repeats", "balance", "gradients", "mis_ratio", "ccs_score", "strata", "tau", "eta", "confidence", "greedy"];
    private static readonly string[] FullKeys = ["full", "learner", "label"];
    private static readonly string[] StaticKeys = ["method", "learner", "kd", "kd_alpha", "kd_temperature", "scoring", "label"];
    private static readonly string[] DynamicKeys = ["dynamic", "prune_ratio", "align", "reference_size", "das_window", "anneal", "reweight", "ema_alpha", "ucb_c", "epsilon", "reselect_every", "learner", "label"];

    public static GridSpec Read(string path)
    {
        if (!File.Exists(path)) throw new WinnowException($"grid file not found: {path}");
        return Parse(path, File.ReadAllText(path));
    }

    /// <param name="file">The file's name (for errors; its extension picks YAML or JSON).</param>
    public static GridSpec Parse(string file, string text)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        var yaml = extension is ".yaml" or ".yml" || (extension != ".json" && !text.TrimStart().StartsWith('{'));
        var root = (yaml ? GridYamlReader.Read(file, text) : GridJsonReader.Read(file, text)).AsMap();
        root.RequireKnownKeys("the grid", ["name", "description", .. AxisKeys, "arms", "blocks"]);

        var defaults = ReadAxes(root, null);
        var blocks = new List<GridBlock>();
        if (root.Optional("arms") is { } arms) blocks.Add(Complete(root, null, defaults, arms));
        if (root.Optional("blocks") is { } blockList)
        {
            foreach (var node in blockList.AsList().Items)
            {
                var block = node.AsMap();
                block.RequireKnownKeys("a block", ["name", .. AxisKeys, "arms"]);
                blocks.Add(Complete(block, block.Optional("name")?.AsText(), ReadAxes(block, defaults), block.Required("arms", "a block")));
            }
        }
        if (blocks.Count == 0) throw root.Error("the grid holds no run: give 'arms' (or 'blocks', each with its 'arms')");
        var name = root.Optional("name")?.AsText() ?? Path.GetFileNameWithoutExtension(file);
        return new GridSpec(name, root.Optional("description")?.AsText(), file, blocks);
    }

    /// <summary>The axes and settings of a block, each falling back to the grid's top level.</summary>
    private sealed record Axes(
        IReadOnlyList<GridDataset>? Datasets, IReadOnlyList<string>? Noises, IReadOnlyList<double>? Fractions,
        IReadOnlyList<int>? Seeds, string? Model, TrainerOptions Trainer, string Augment, CoresetOptions Scoring, GridNode? FractionsNode);

    private static Axes ReadAxes(GridMap map, Axes? parent)
    {
        var datasets = map.Optional("datasets") is { } d ? NonEmpty(d).Items.Select(ReadDataset).ToArray() : parent?.Datasets;
        var noises = map.Optional("noise") is { } n ? NonEmpty(n).Items.Select(ReadNoise).ToArray() : parent?.Noises;
        var fractionsNode = map.Optional("fractions");
        var fractions = fractionsNode is { } f ? f.AsList().Items.Select(ReadFraction).ToArray() : parent?.Fractions;
        var seeds = map.Optional("seeds") is { } s ? NonEmpty(s).Items.Select(x => x.AsInteger()).ToArray() : parent?.Seeds;
        var (trainer, augment) = map.Optional("trainer") is { } t
            ? ReadTrainer(t.AsMap(), parent?.Trainer ?? new TrainerOptions(), parent?.Augment ?? "auto")
            : (parent?.Trainer ?? new TrainerOptions(), parent?.Augment ?? "auto");
        var scoring = map.Optional("scoring") is { } sc ? ReadScoring(sc.AsMap(), parent?.Scoring ?? new CoresetOptions()) : parent?.Scoring ?? new CoresetOptions();
        Duplicates(map.Optional("noise"), noises);
        Duplicates(fractionsNode, fractions);
        Duplicates(map.Optional("seeds"), seeds);
        return new Axes(datasets, noises, fractions, seeds, map.Optional("model")?.AsText() ?? parent?.Model,
            trainer, augment, scoring, fractionsNode ?? parent?.FractionsNode);
    }

    private static GridBlock Complete(GridMap where, string? name, Axes axes, GridNode armsNode)
    {
        var what = name is null ? "the grid" : $"block '{name}'";
        var arms = NonEmpty(armsNode).Items.Select(a => ReadArm(a, axes)).ToArray();
        var datasets = axes.Datasets ?? throw where.Error($"{what} needs 'datasets'");
        var noises = axes.Noises ?? throw where.Error($"{what} needs 'noise' (a list such as [\"none\", \"symmetric:0.4\"])");
        var seeds = axes.Seeds ?? throw where.Error($"{what} needs 'seeds'");
        var fractions = axes.Fractions ?? [];
        var firstStatic = armsNode.AsList().Items.Zip(arms).FirstOrDefault(p => p.Second is StaticArm).First;
        if (firstStatic is not null && fractions.Count == 0)
            throw (axes.FractionsNode ?? firstStatic).Error($"{what} has static arms but no kept fractions: give 'fractions'");
        var firstAlign = armsNode.AsList().Items.Zip(arms).FirstOrDefault(p => p.Second is DynamicArm { Align: true }).First;
        if (firstAlign is not null && noises.Any(n => NoiseSpec.Parse(n).Kind == NoiseKind.None))
            throw firstAlign.Error("align draws its trusted reference set from samples known to be clean, which needs injected noise; this block's noise includes 'none'");
        foreach (var (node, arm) in armsNode.AsList().Items.Zip(arms))
        {
            if (arm is DynamicArm { Align: true } d && d.DasWindow > axes.Trainer.Epochs)
                throw node.Error($"das_window {d.DasWindow} exceeds the {axes.Trainer.Epochs} training epochs: DAS would never rank (lower it)");
        }
        return new GridBlock(name, datasets, noises, fractions, seeds, axes.Model, axes.Trainer, axes.Augment, axes.Scoring, arms);
    }

    private static GridList NonEmpty(GridNode node)
    {
        var list = node.AsList();
        if (list.Items.Count == 0) throw node.Error("is empty, so the grid would hold no run");
        return list;
    }

    private static void Duplicates<T>(GridNode? node, IReadOnlyList<T>? values)
    {
        if (node is GridList list && values is not null)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (values.Take(i).Contains(values[i])) throw list.Items[i].Error($"'{values[i]}' appears twice in the list");
            }
        }
    }

    private static GridDataset ReadDataset(GridNode node)
    {
        if (node is GridScalar) return new GridDataset(node.AsText());
        var map = node.AsMap();
        map.RequireKnownKeys("a dataset", "name", "train_size", "data_dir", "label_column");
        var trainSize = map.Optional("train_size") is { } t ? t.AsInteger() : (int?)null;
        if (trainSize < 1) throw map["train_size"]!.Error($"must be at least 1 (got {trainSize})");
        return new GridDataset(map.Required("name", "a dataset").AsText(), trainSize,
            map.Optional("data_dir")?.AsText(),
            map.Optional("label_column") is { } c ? c is GridScalar column ? column.Text : throw c.Error("must be a column name or 0-based index") : null);
    }

    private static string ReadNoise(GridNode node) => Checked(node, () => NoiseSpec.Parse(node.AsText()).ToString());

    private static double ReadFraction(GridNode node)
    {
        var value = node.AsNumber();
        if (!(value > 0 && value <= 1)) throw node.Error($"kept fraction {value} is outside (0, 1]");
        return value;
    }

    private static (TrainerOptions, string) ReadTrainer(GridMap map, TrainerOptions options, string augment)
    {
        map.RequireKnownKeys("trainer", TrainerKeys);
        foreach (var (key, node) in map.Entries)
        {
            options = key switch
            {
                "epochs" => options with { Epochs = node.AsInteger() },
                "batch_size" => options with { BatchSize = node.AsInteger() },
                "lr" => options with { LearningRate = node.AsNumber() },
                "momentum" => options with { Momentum = node.AsNumber() },
                "nesterov" => options with { Nesterov = node.AsBool() },
                "weight_decay" => options with { WeightDecay = node.AsNumber() },
                "schedule" => options with { Schedule = Choice(node, ["cosine", "constant"]) == "cosine" ? LearningRateSchedule.Cosine : LearningRateSchedule.Constant },
                _ => options,
            };
            if (key == "augment") augment = Choice(node, ["auto", "none", "weak", "strong"]);
        }
        Checked(map, options.Validate);
        return (options, augment);
    }

    private static CoresetOptions ReadScoring(GridMap map, CoresetOptions options)
    {
        map.RequireKnownKeys("scoring", ScoringKeys);
        foreach (var (key, node) in map.Entries)
        {
            options = key switch
            {
                "score_epochs" => options with { ScoreEpochs = node.AsInteger() },
                "repeats" => options with { Repeats = node.AsInteger() },
                "balance" => options with { Balance = node.AsBool() },
                "gradients" => options with { Gradients = Choice(node, ["last-layer", "full"]) == "full" ? GradientKind.Full : GradientKind.LastLayer },
                "mis_ratio" => options with { MisRatio = node.AsNumber() },
                "ccs_score" => options with { CcsScore = Choice(node, ["aum", "el2n", "forgetting"]) },
                "strata" => options with { Strata = node.AsInteger() },
                "tau" => options with { Tau = node.AsNumber() },
                "eta" => options with { Eta = node.AsNumber() },
                "confidence" => options with { Confidence = Choice(node, ["least-confidence", "margin"]) == "margin" ? ConfidenceKind.Margin : ConfidenceKind.LeastConfidence },
                "greedy" => options with { Greedy = Choice(node, ["own", "marginal"]) == "marginal" ? Prune4RelGreedy.Marginal : Prune4RelGreedy.Own },
                _ => options,
            };
        }
        Checked(map, options.Validate);
        return options;
    }

    private static GridArm ReadArm(GridNode node, Axes axes)
    {
        if (node is GridScalar)
        {
            var name = node.AsText();
            if (name == "full") return new FullArm("full", "ce");
            if (CoresetMethods.Names.Contains(name)) return new StaticArm(name, "ce", name, axes.Scoring, null);
            throw node.Error($"unknown arm '{name}': use \"full\", a method ({string.Join(", ", CoresetMethods.Names)}) or an object with 'method' or 'dynamic'");
        }
        var map = node.AsMap();
        var kinds = new[] { "full", "method", "dynamic" }.Where(k => map[k] is not null).ToArray();
        if (kinds.Length != 1)
            throw map.Error(kinds.Length == 0
                ? "an arm needs one of 'full', 'method' or 'dynamic'"
                : $"an arm has one of 'full', 'method' or 'dynamic', not {string.Join(" and ", kinds.Select(k => $"'{k}'"))}");
        var learner = map.Optional("learner") is { } l ? Choice(l, LearnerOptions.Names) : "ce";
        var label = map.Optional("label")?.AsText();
        switch (kinds[0])
        {
            case "full":
                map.RequireKnownKeys("a full-data arm", FullKeys);
                if (!map["full"]!.AsBool()) throw map["full"]!.Error("write \"full\": true, or leave the arm out");
                return new FullArm(label ?? (learner == "ce" ? "full" : $"full + {learner}"), learner);
            case "method":
                map.RequireKnownKeys("a static arm", StaticKeys);
                var method = Choice(map["method"]!, CoresetMethods.Names);
                var scoring = map.Optional("scoring") is { } s ? ReadScoring(s.AsMap(), axes.Scoring) : axes.Scoring;
                var kd = ReadKd(map, learner);
                var kdLabel = kd is null ? "" : kd.Alpha is { } a ? $" + kd (α {a.ToString(CultureInfo.InvariantCulture)})" : " + kd";
                return new StaticArm(label ?? $"{method}{(learner == "ce" ? "" : " + " + learner)}{kdLabel}", learner, method, scoring, kd);
            default:
                return ReadDynamic(map, learner, label);
        }
    }

    private static KdSetting? ReadKd(GridMap map, string learner)
    {
        var kdNode = map.Optional("kd");
        var kd = kdNode?.AsBool() ?? false;
        if (!kd)
        {
            var stray = map.Optional("kd_alpha") ?? map.Optional("kd_temperature");
            if (stray is not null) throw stray.Error("applies with \"kd\": true only");
            return null;
        }
        if (learner != "ce") throw kdNode!.Error($"knowledge distillation works with the ce learner only (this arm's learner is {learner})");
        double? alpha = null;
        if (map.Optional("kd_alpha") is { } alphaNode && !(alphaNode is GridScalar { Text: "auto" }))
        {
            alpha = alphaNode is GridScalar s && s.TryNumber(out var value) ? value : throw alphaNode.Error($"must be a number in [0, 1] or \"auto\" (got {alphaNode.Kind})");
            if (alpha is < 0 or > 1) throw alphaNode.Error($"must be in [0, 1] (got {alpha})");
        }
        var temperature = map.Optional("kd_temperature")?.AsNumber() ?? new LearnerOptions().KdTemperature;
        if (!(temperature > 0)) throw map["kd_temperature"]!.Error($"must be above 0 (got {temperature})");
        return new KdSetting(alpha, temperature);
    }

    private static DynamicArm ReadDynamic(GridMap map, string learner, string? label)
    {
        map.RequireKnownKeys("a dynamic arm", DynamicKeys);
        var pruner = Choice(map["dynamic"]!, DynamicPruners.Names.Where(n => n != "none").ToArray());
        var defaults = new DynamicOptions();
        var options = new DynamicOptions
        {
            PruneRatio = map.Optional("prune_ratio")?.AsNumber() ?? defaults.PruneRatio,
            Anneal = map.Optional("anneal")?.AsNumber() ?? defaults.Anneal,
            EmaAlpha = map.Optional("ema_alpha")?.AsNumber() ?? defaults.EmaAlpha,
            UcbC = map.Optional("ucb_c")?.AsNumber() ?? defaults.UcbC,
            Epsilon = map.Optional("epsilon")?.AsNumber() ?? defaults.Epsilon,
            ReselectEvery = map.Optional("reselect_every")?.AsInteger() ?? defaults.ReselectEvery,
        };
        Checked(map, options.Validate);
        var align = map.Optional("align")?.AsBool() ?? false;
        if (!align && (map.Optional("reference_size") ?? map.Optional("das_window")) is { } stray) throw stray.Error("applies with \"align\": true only");
        var referenceSize = map.Optional("reference_size")?.AsNumber() ?? 0.01;
        if (!(referenceSize is > 0 and < 1)) throw map["reference_size"]!.Error($"must be in (0, 1) (got {referenceSize})");
        var window = map.Optional("das_window")?.AsInteger() ?? AlignmentSignal.DefaultWindow;
        if (window < 2) throw map["das_window"]!.Error($"must be at least 2 epochs (got {window})");
        var ratio = options.PruneRatio.ToString(CultureInfo.InvariantCulture);
        return new DynamicArm(label ?? $"{pruner}{(align ? " + align" : "")} (r {ratio}){(learner == "ce" ? "" : " + " + learner)}",
            learner, pruner, options, map.Optional("reweight")?.AsBool() ?? true, align, referenceSize, window);
    }

    private static string Choice(GridNode node, IReadOnlyList<string> allowed)
    {
        var value = node.AsText();
        return allowed.Contains(value) ? value : throw node.Error($"unknown value '{value}' (known: {string.Join(", ", allowed)})");
    }

    private static void Checked(GridNode node, Action check) => Checked(node, () => { check(); return 0; });

    /// <summary>Runs a library check and puts the key and line in front of its message.</summary>
    private static T Checked<T>(GridNode node, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (WinnowException e)
        {
            throw node.Error(e.Message);
        }
    }
}
