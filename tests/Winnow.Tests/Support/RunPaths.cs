using Winnow.Data;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Learners;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Tests.Support;

/// <summary>
/// One small run spec for every path a run can take — each learner, augmentation, the teacher
/// (cached and per step), every coreset method (full gradients, both Prune4ReL greedies), every
/// dynamic pruner with each signal, detection — on a tiny IDX dataset of 64 noisy samples.
/// </summary>
public static class RunPaths
{
    private static readonly AlignmentOptions Reference = new() { ReferenceSize = 0.1, DasWindow = 2 };

    private static readonly Dictionary<string, Func<string, RunSpec>> Specs = Build();

    public static IReadOnlyList<string> Names => Specs.Keys.ToArray();

    /// <summary>The tiny dataset the specs read: write it once per test class.</summary>
    public static string CreateData() => TinyIdx.Create(trainCount: 64, testCount: 24, classes: 3, size: 8);

    public static RunSpec Spec(string path, string data) => Specs[path](data);

    private static RunSpec Base(string data, PruningSpec pruning, string learner = "ce", Augmentation augment = Augmentation.None) => new()
    {
        Data = new DataSpec { Dataset = $"idx:{data}", Noise = "symmetric:0.3" },
        Seed = 3,
        Trainer = new TrainerOptions { Epochs = 2, BatchSize = 32, InferenceBatchSize = 48, Augment = augment },
        Learner = new LearnerOptions { Name = learner, DivideMix = new() { WarmupEpochs = 1 } },
        Pruning = pruning,
    };

    private static StaticPruning Static(string method, CoresetOptions? scoring = null) =>
        new() { Method = method, Fraction = 0.5, Scoring = scoring ?? new CoresetOptions { ScoreEpochs = 2, MosoPartitions = 2, MosoEpochs = 2, MosoCheckpoints = 1 } };

    private static Dictionary<string, Func<string, RunSpec>> Build()
    {
        var kd = new LearnerOptions { Distillation = new DistillationOptions() };
        var specs = new Dictionary<string, Func<string, RunSpec>>
        {
            ["ce, weak augmentation"] = d => Base(d, new NoPruning(), augment: Augmentation.Weak),
            ["sop+, strong view"] = d => Base(d, new NoPruning(), "sop", Augmentation.Weak),
            ["dividemix"] = d => Base(d, new NoPruning(), "dividemix", Augmentation.Weak),
            ["distillation, cached teacher"] = d => Base(d, new NoPruning()) with { Learner = kd },
            ["distillation, teacher per step"] = d => Base(d, new NoPruning(), augment: Augmentation.Weak) with { Learner = kd },
            ["grand, full gradients"] = d => Base(d, Static("grand", new CoresetOptions { ScoreEpochs = 2, Gradients = GradientKind.Full })),
            ["moso, weak augmentation"] = d => Base(d, Static("moso"), augment: Augmentation.Weak),
            ["moso-fast, full gradients"] = d => Base(d, Static("moso-fast", new CoresetOptions { ScoreEpochs = 2, Gradients = GradientKind.Full })),
            ["prune4rel, marginal greedy, sop+"] = d => Base(d, Static("prune4rel", new CoresetOptions { ScoreEpochs = 2, Greedy = Prune4RelGreedy.Marginal }), "sop"),
            ["prune4rel, own greedy, dividemix"] = d => Base(d, Static("prune4rel"), "dividemix"),
            ["detection, every score"] = d => Base(d, new NoPruning()) with { Detection = new DetectionSpec { Alignment = Reference } },
        };
        foreach (var method in CoresetMethods.Names.Where(m => m != "prune4rel"))
            specs[$"static {method}"] = d => Base(d, Static(method));
        foreach (var pruner in DynamicPruners.Names)
        {
            foreach (var signal in SampleSignals.Names)
                specs[$"dynamic {pruner}, {signal}"] = d => Base(d, new DynamicPruning
                {
                    Pruner = pruner, Signal = signal, Alignment = SampleSignals.All[signal].NeedsReference ? Reference : new AlignmentOptions(),
                });
        }
        return specs;
    }
}
