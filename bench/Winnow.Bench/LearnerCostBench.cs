using System.Globalization;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Learners.DivideMix;
using Winnow.Runs;

namespace Winnow.Bench;

/// <summary>
/// The cost of one training epoch with each learner relative to plain cross-entropy, on the same
/// data and model: SOP+ (a second, strongly augmented forward pass and the u/v updates),
/// distillation with cached teacher logits or a teacher pass per batch, and DivideMix (two
/// networks, the per-epoch loss split, co-guessing and MixUp). Every arm trains two epochs and
/// the second is timed (DivideMix's first is its cross-entropy warm-up); the one-off teacher
/// cache is reported apart. Rounds alternate the order; medians are reported.
/// </summary>
public static class LearnerCostBench
{
    public static int Run(string[] args)
    {
        var trainSize = BenchArgs.Int(args, "--train-size", 20000);
        var rounds = BenchArgs.Int(args, "--rounds", 2);
        var one = BenchRuns.Spec(trainSize, "symmetric:0.4", epochs: 2);
        using var resources = new SingleRunResources();
        var teacherDir = Path.Combine(Path.GetTempPath(), $"winnow-bench-cost-teacher-{trainSize}");
        using (var teacher = BenchRuns.Run(one, resources)) Output.OutputFolder.Write(teacherDir, overwrite: true, teacher.SaveCheckpoint);

        var weak = one.Trainer with { Augment = Augmentation.Weak };
        var kd = new DistillationOptions { Teacher = teacherDir, Alpha = 0.5 };
        var arms = new (string Name, RunSpec Spec)[]
        {
            ("ce", one),
            ("ce, weak augmentation", one with { Trainer = weak }),
            ("sop (weak + strong views)", one with { Trainer = weak, Learner = new LearnerOptions { Name = "sop" } }),
            ("kd, cached teacher logits", one with { Learner = new LearnerOptions { Distillation = kd } }),
            ("kd, teacher pass per batch (augmented)", one with { Trainer = weak, Learner = new LearnerOptions { Distillation = kd } }),
            ("dividemix (weak augmentation)", one with { Learner = new LearnerOptions { Name = "dividemix", DivideMix = new DivideMixOptions { WarmupEpochs = 1 } } }),
        };
        var cache = new List<double>();
        var seconds = arms.ToDictionary(a => a.Name, _ => new List<double>());
        Time(arms[0].Spec, resources, cache); // warm-up
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? arms : arms.Reverse().ToArray();
            foreach (var arm in order) seconds[arm.Name].Add(Time(arm.Spec, resources, cache));
        }
        Console.WriteLine($"fashion-mnist {trainSize} train, small-cnn, second epoch of each arm timed, {rounds} rounds in alternating order; teacher cache (once per run) {BenchRuns.Median(cache):F2} s");
        Console.WriteLine("| learner | s/epoch (median) | relative to ce |");
        Console.WriteLine("|---|---|---|");
        var baseline = BenchRuns.Median(seconds["ce"]);
        foreach (var (name, _) in arms)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {BenchRuns.Median(seconds[name]):F2} | {BenchRuns.Median(seconds[name]) / baseline:F2} |"));
        return 0;
    }

    private static double Time(RunSpec spec, IRunResources resources, List<double> cache)
    {
        using var run = BenchRuns.Run(spec, resources);
        if (run.Record.KdTeacherCacheSeconds is { } seconds) cache.Add(seconds);
        return run.Epochs[^1].Seconds;
    }
}
