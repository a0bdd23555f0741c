using System.Text.Json;
using System.Text.Json.Nodes;
using Winnow.Learners;
using Winnow.Output;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// The full configuration of one grid run as JSON — dataset, noise, seed, model, every trainer
/// setting, the arm with every option of its method, pruner and learner (defaults included), and
/// the kept fraction — so that any change to what a run computes changes its hash and the run is
/// done again instead of reused. Labels are left out: renaming an arm reuses its results. The
/// code version is left out too: a fix that changes numbers needs a new output folder.
/// </summary>
public static class RunConfiguration
{
    /// <summary>Bumped when the meaning of a configuration changes, so old results are not reused.</summary>
    public const int Format = 1;

    public static JsonObject Build(GridDataset dataset, string noise, int seed, string? model, TrainerOptions trainer, string augment,
        GridArm arm, double? fraction)
    {
        var config = new JsonObject
        {
            ["format"] = Format,
            ["dataset"] = Dataset(dataset),
            ["noise"] = noise,
            ["seed"] = seed,
            ["trainer"] = Trainer(trainer, augment),
            ["arm"] = Arm(arm),
        };
        if (model is not null) config["model"] = model;
        if (fraction is { } f) config["fraction"] = f;
        return config;
    }

    /// <summary>The arm with its training settings, without the axes: what one line of a report stands for.</summary>
    public static string ArmIdentity(JsonObject configuration)
    {
        var copy = (JsonObject)configuration.DeepClone();
        foreach (var axis in new[] { "dataset", "noise", "seed", "fraction" }) copy.Remove(axis);
        return CanonicalJson.Write(copy);
    }

    private static JsonObject Dataset(GridDataset dataset)
    {
        var node = new JsonObject { ["name"] = dataset.Name };
        if (dataset.TrainSize is { } size) node["train_size"] = size;
        if (dataset.DataDir is { } dir) node["data_dir"] = dir;
        if (dataset.LabelColumn is { } column) node["label_column"] = column;
        return node;
    }

    private static JsonObject Trainer(TrainerOptions trainer, string augment) => new()
    {
        ["epochs"] = trainer.Epochs,
        ["batch_size"] = trainer.BatchSize,
        ["lr"] = trainer.LearningRate,
        ["momentum"] = trainer.Momentum,
        ["nesterov"] = trainer.Nesterov,
        ["weight_decay"] = trainer.WeightDecay,
        ["schedule"] = trainer.Schedule.ToString().ToLowerInvariant(),
        ["augment"] = augment,
        ["inference_batch_size"] = trainer.InferenceBatchSize,
    };

    private static JsonObject Arm(GridArm arm)
    {
        var node = new JsonObject { ["learner"] = Learner(arm.Learner) };
        switch (arm)
        {
            case FullArm:
                node["kind"] = "full";
                break;
            case StaticArm s:
                node["kind"] = "static";
                node["method"] = s.Method;
                node["scoring"] = WithoutSeed(s.Scoring);
                if (s.Kd is { } kd)
                {
                    node["kd"] = new JsonObject
                    {
                        ["alpha"] = kd.Alpha is { } a ? JsonValue.Create(a) : JsonValue.Create("auto"),
                        ["temperature"] = kd.Temperature,
                        ["teacher"] = "full-data ce run of the same data, seed and trainer",
                    };
                }
                break;
            case DynamicArm d:
                node["kind"] = "dynamic";
                node["pruner"] = d.Pruner;
                node["options"] = WithoutSeed(d.Options);
                node["reweight"] = d.Reweight;
                if (d.Align) node["align"] = new JsonObject { ["reference_size"] = d.ReferenceSize, ["das_window"] = d.DasWindow };
                break;
        }
        return node;
    }

    private static JsonObject Learner(string name)
    {
        var node = new JsonObject { ["name"] = name };
        if (name == "sop") node["sop"] = JsonSerializer.SerializeToNode(new SopOptions(), Json.Options);
        return node;
    }

    /// <summary>A settings record as JSON without its seed: every run takes the seed of its axis.</summary>
    private static JsonObject WithoutSeed<T>(T options)
    {
        var node = JsonSerializer.SerializeToNode(options, Json.Options)!.AsObject();
        node.Remove("seed");
        return node;
    }
}
