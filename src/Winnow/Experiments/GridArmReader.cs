using System.Globalization;
using Winnow.Dynamic;
using Winnow.Learners;
using Winnow.Runs;
using Winnow.Scoring;

namespace Winnow.Experiments;

/// <summary>
/// Reads one arm of a grid: "full", a method name, or a mapping with one of 'full', 'method' or
/// 'dynamic'. Every learner setting (learner, sop_*, dividemix_*) is a key of any arm; a static
/// arm adds its scoring section and distillation ('kd': true with kd_alpha, kd_temperature,
/// teacher); a dynamic arm adds every pruner setting, its signal ('align': true = das) and the
/// reference-set settings of AlignPrune.
/// </summary>
internal static class GridArmReader
{
    private static readonly string[] Common = ["learner", .. GridSettings.Keys<LearnerOptions>().Where(k => k != "learner"), "label"];

    public static GridArm Read(GridNode node, CoresetOptions scoring)
    {
        if (node is GridScalar)
        {
            var name = node.AsText();
            if (name == "full") return new GridArm("full", new LearnerOptions(), new NoPruning(), node);
            if (CoresetMethods.All.Contains(name))
                return new GridArm(name, new LearnerOptions(), new StaticPruning { Method = name, Fraction = 1, Scoring = scoring }, node);
            throw node.Error($"unknown arm '{name}': use \"full\", a method ({string.Join(", ", CoresetMethods.Names)}) or an object with 'method' or 'dynamic'");
        }
        var map = node.AsMap();
        var kinds = new[] { "full", "method", "dynamic" }.Where(k => map[k] is not null).ToArray();
        if (kinds.Length != 1)
            throw map.Error(kinds.Length == 0
                ? "an arm needs one of 'full', 'method' or 'dynamic'"
                : $"an arm has one of 'full', 'method' or 'dynamic', not {string.Join(" and ", kinds.Select(k => $"'{k}'"))}");
        var learner = GridSettings.Read(map, new LearnerOptions());
        var label = map.Optional("label")?.AsText();
        var suffix = learner.Name == "ce" ? "" : " + " + learner.Name;
        switch (kinds[0])
        {
            case "full":
                map.RequireKnownKeys("a full-data arm", ["full", .. Common]);
                if (!map["full"]!.AsBool()) throw map["full"]!.Error("write \"full\": true, or leave the arm out");
                return Checked(new GridArm(label ?? (learner.Name == "ce" ? "full" : $"full{suffix}"), learner, new NoPruning(), node));
            case "method":
                map.RequireKnownKeys("a static arm", ["method", "kd", .. GridSettings.Keys<DistillationOptions>(), "scoring", .. Common]);
                var method = GridSettings.Read(map, new StaticPruning { Method = "random", Fraction = 1 });
                if (map.Optional("scoring") is { } s) method = method with { Scoring = GridFile.Section(s, "scoring", scoring, o => o.Validate()) };
                else method = method with { Scoring = scoring };
                learner = learner with { Distillation = ReadDistillation(map) };
                var kd = learner.Distillation is not { } d ? "" : d.Alpha is { } a ? $" + kd (α {a.ToString(CultureInfo.InvariantCulture)})" : " + kd";
                return Checked(new GridArm(label ?? $"{method.Method}{suffix}{kd}", learner, method, node));
            default:
                map.RequireKnownKeys("a dynamic arm", ["dynamic", "signal", "align", .. GridSettings.Keys<DynamicOptions>(),
                    .. GridSettings.Keys<AlignmentOptions>(), .. Common]);
                var dynamic = GridSettings.Read(map, new DynamicPruning { Pruner = "uniform" }) with
                {
                    Options = GridSettings.Read(map, new DynamicOptions()),
                    Alignment = GridSettings.Read(map, new AlignmentOptions()),
                };
                if (map.Optional("align") is { } alignNode && alignNode.AsBool())
                {
                    if (map.Optional("signal") is { } signalNode && dynamic.Signal != "das")
                        throw signalNode.Error("contradicts \"align\": true (align ranks by the das signal)");
                    dynamic = dynamic with { Signal = "das" };
                }
                if (!SampleSignals.All[dynamic.Signal].NeedsReference && GridSettings.FirstOf<AlignmentOptions>(map) is { } stray)
                    throw stray.Error("applies with \"align\": true only");
                var signal = dynamic.Signal switch { "loss" => "", "das" => " + align", var other => $" + {other}" };
                var ratio = dynamic.Options.PruneRatio.ToString(CultureInfo.InvariantCulture);
                return Checked(new GridArm(label ?? $"{dynamic.Pruner}{signal} (r {ratio}){suffix}", learner, dynamic, node));
        }
    }

    /// <summary>'kd': true turns distillation on (from the full-data run unless 'teacher' names a folder); its keys without it are refused.</summary>
    private static DistillationOptions? ReadDistillation(GridMap map)
    {
        var kdNode = map.Optional("kd");
        if (kdNode?.AsBool() != true)
        {
            if (GridSettings.FirstOf<DistillationOptions>(map) is { } stray) throw stray.Error("applies with \"kd\": true only");
            return null;
        }
        return GridSettings.Read(map, new DistillationOptions());
    }

    /// <summary>The arm's own settings checked where it is written (the block's axes are checked when runs are expanded).</summary>
    private static GridArm Checked(GridArm arm)
    {
        GridFile.Checked(arm.Node, arm.Pruning.Validate);
        if (arm.Learner.Distillation is not null && arm.Learner.Name != "ce")
            throw ((arm.Node as GridMap)?["kd"] ?? arm.Node).Error($"knowledge distillation works with the ce learner only (this arm's learner is {arm.Learner.Name})");
        return arm;
    }
}
