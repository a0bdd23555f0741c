using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Models;
using Winnow.Scoring;
using Winnow.Settings;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// Reads and checks a grid file (JSON, or YAML by its .yaml/.yml extension). Every mistake —
/// an unknown key, method, pruner or learner, a value of the wrong type or range, an empty axis —
/// fails with one line naming the file, line and key. Sections are read through the options'
/// own declarations (<see cref="GridSettings"/>): every trainer, scoring, learner and pruner
/// setting has a key. The keys are documented in bench/grids/README.md.
/// </summary>
public static class GridFile
{
    private static readonly string[] AxisKeys = ["datasets", "noise", "fractions", "seeds", "model", "init", "init_strict", "trainer", "scoring"];

    public static GridSpec Read(string path)
    {
        if (!File.Exists(path)) throw new WinnowException(Directory.Exists(path) ? $"the grid file {path} is a folder" : $"grid file not found: {path}");
        return Parse(path, File.ReadAllText(path));
    }

    /// <param name="file">The file's name (for errors; its extension picks YAML or JSON).</param>
    public static GridSpec Parse(string file, string text)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        var yaml = extension is ".yaml" or ".yml" || (extension != ".json" && !text.TrimStart().StartsWith('{'));
        var root = (yaml ? GridYamlReader.Read(file, text) : GridJsonReader.Read(file, text)).AsMap();
        root.RequireKnownKeys("the grid", ["name", "description", "device", .. AxisKeys, "arms", "blocks", "compare"]);

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
        var device = root.Optional("device");
        return new GridSpec(name, root.Optional("description")?.AsText(), file, blocks)
        {
            Device = device is null ? ComputeDevice.Auto : ReadDevice(device),
            DeviceNode = device,
            Comparisons = root.Optional("compare") is { } compare ? ReadComparisons(compare, blocks) : [],
        };
    }

    /// <summary>The <c>compare</c> list: pairs [A, B] of arm labels the grid holds.</summary>
    private static GridComparison[] ReadComparisons(GridNode node, IReadOnlyList<GridBlock> blocks)
    {
        var labels = blocks.SelectMany(b => b.Arms).Select(a => a.Label).Distinct().ToArray();
        var comparisons = new List<GridComparison>();
        foreach (var item in node.AsList().Items)
        {
            var pair = item.AsList();
            if (pair.Items.Count != 2) throw item.Error($"a comparison is a pair of arm labels [A, B], got {pair.Items.Count} entries");
            var (a, b) = (pair.Items[0].AsText(), pair.Items[1].AsText());
            foreach (var (label, at) in new[] { (a, pair.Items[0]), (b, pair.Items[1]) })
            {
                if (!labels.Contains(label)) throw at.Error($"no arm is labelled '{label}' (arms: {string.Join(", ", labels.Select(l => $"'{l}'"))})");
            }
            if (a == b) throw item.Error($"compares the arm '{a}' with itself");
            var comparison = new GridComparison(a, b);
            if (comparisons.Contains(comparison)) throw item.Error($"the comparison ['{a}', '{b}'] appears twice");
            comparisons.Add(comparison);
        }
        return comparisons.ToArray();
    }

    /// <summary>The axes and settings of a block, each falling back to the grid's top level.</summary>
    internal sealed record Axes(
        IReadOnlyList<GridDataset>? Datasets, IReadOnlyList<GridValue<string>>? Noises, IReadOnlyList<double>? Fractions,
        IReadOnlyList<int>? Seeds, GridValue<string>? Model, TrainerOptions Trainer, CoresetOptions Scoring, GridNode? FractionsNode)
    {
        public GridValue<string>? Init { get; init; }
        public bool InitStrict { get; init; } = true;
    }

    private static Axes ReadAxes(GridMap map, Axes? parent)
    {
        var datasets = map.Optional("datasets") is { } d ? NonEmpty(d).Items.Select(ReadDataset).ToArray() : parent?.Datasets;
        var noises = map.Optional("noise") is { } n ? NonEmpty(n).Items.Select(ReadNoise).ToArray() : parent?.Noises;
        var fractionsNode = map.Optional("fractions");
        var fractions = fractionsNode is { } f ? f.AsList().Items.Select(ReadFraction).ToArray() : parent?.Fractions;
        var seeds = map.Optional("seeds") is { } s ? NonEmpty(s).Items.Select(x => x.AsInteger()).ToArray() : parent?.Seeds;
        var trainer = map.Optional("trainer") is { } t ? Section(t, "trainer", parent?.Trainer ?? new TrainerOptions(), o => o.Validate()) : parent?.Trainer ?? new TrainerOptions();
        var scoring = map.Optional("scoring") is { } sc ? Section(sc, "scoring", parent?.Scoring ?? new CoresetOptions(), o => o.Validate()) : parent?.Scoring ?? new CoresetOptions();
        Duplicates(map.Optional("noise"), noises?.Select(v => v.Value).ToArray());
        Duplicates(fractionsNode, fractions);
        Duplicates(map.Optional("seeds"), seeds);
        return new Axes(datasets, noises, fractions, seeds, map.Optional("model") is { } m ? ReadModel(m) : parent?.Model,
            trainer, scoring, fractionsNode ?? parent?.FractionsNode)
        {
            Init = map.Optional("init") is { } i ? new GridValue<string>(i.AsText(), i) : parent?.Init,
            InitStrict = map.Optional("init_strict") is { } strict ? ReadRunSetting<bool>(strict, "init-strict") : parent?.InitStrict ?? true,
        };
    }

    /// <summary>A section whose keys are all settings of <typeparamref name="T"/>, read over <paramref name="start"/> and checked.</summary>
    internal static T Section<T>(GridNode node, string what, T start, Action<T> validate) where T : class
    {
        var map = node.AsMap();
        map.RequireKnownKeys(what, GridSettings.Keys<T>());
        var record = GridSettings.Read(map, start);
        Checked(map, () => validate(record));
        return record;
    }

    private static GridBlock Complete(GridMap where, string? name, Axes axes, GridNode armsNode)
    {
        var what = name is null ? "the grid" : $"block '{name}'";
        var arms = NonEmpty(armsNode).Items.Select(a => GridArmReader.Read(a, axes.Scoring)).ToArray();
        var datasets = axes.Datasets ?? throw where.Error($"{what} needs 'datasets'");
        var noises = axes.Noises ?? throw where.Error($"{what} needs 'noise' (a list such as [\"none\", \"symmetric:0.4\"])");
        var seeds = axes.Seeds ?? throw where.Error($"{what} needs 'seeds'");
        var fractions = axes.Fractions ?? [];
        var firstStatic = arms.FirstOrDefault(a => a.Kind == "static");
        if (firstStatic is not null && fractions.Count == 0)
            throw (axes.FractionsNode ?? firstStatic.Node).Error($"{what} has static arms but no kept fractions: give 'fractions'");
        return new GridBlock(name, datasets, noises, fractions, seeds, axes.Model, axes.Trainer, axes.Scoring, arms)
        {
            Init = axes.Init,
            InitStrict = axes.InitStrict,
        };
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

    /// <summary>A dataset: its name, or a mapping of "name" and the other data settings (train_size, data_dir, label_column, layout).</summary>
    private static GridDataset ReadDataset(GridNode node)
    {
        if (node is GridScalar) return new GridDataset(new DataSpec { Dataset = node.AsText() }, node);
        var map = node.AsMap();
        var keys = GridSettings.Keys<DataSpec>().Where(k => k is not ("dataset" or "noise")).ToArray();
        map.RequireKnownKeys("a dataset", ["name", .. keys]);
        var data = GridSettings.Read(map, new DataSpec { Dataset = map.Required("name", "a dataset").AsText() });
        Checked(map, data.Validate);
        return new GridDataset(data, node);
    }

    private static GridValue<string> ReadNoise(GridNode node) => new(Checked(node, () => NoiseSpec.Parse(node.AsText()).ToString()), node);

    private static string ReadDevice(GridNode node) => ReadRunSetting<string>(node, "device");

    /// <summary>A run setting written as a grid key (device, init_strict), parsed by its declaration.</summary>
    private static T ReadRunSetting<T>(GridNode node, string setting) => (T)GridSettings.ReadOne(Declared.Named<Runs.RunSpec>(setting), node)!;

    private static GridValue<string> ReadModel(GridNode node)
    {
        var name = node.AsText();
        return ModelCatalog.All.Contains(name) ? new(name.Trim().ToLowerInvariant(), node)
            : throw node.Error($"unknown model '{name}' (known: {string.Join(", ", ModelCatalog.Names)})");
    }

    private static double ReadFraction(GridNode node)
    {
        var value = node.AsNumber();
        if (!(value > 0 && value <= 1)) throw node.Error($"kept fraction {value} is outside (0, 1]");
        return value;
    }

    internal static void Checked(GridNode node, Action check) => Checked(node, () => { check(); return 0; });

    /// <summary>Runs a library check and puts the file, line and key in front of its message.</summary>
    internal static T Checked<T>(GridNode node, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (SettingException e)
        {
            var key = node is GridMap map ? map.Entries.FirstOrDefault(p => p.Key == e.Setting.Key).Value : null;
            throw (key ?? node).Error(key is null ? e.Message : e.Problem);
        }
        catch (WinnowException e)
        {
            throw node.Error(e.Message);
        }
    }
}
