using System.Diagnostics;
using Winnow.Data;
using Winnow.Learners;
using Winnow.Metrics;
using Winnow.Models;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>What `winnow prune` does, as a library call: score, select, measure against the clean labels.</summary>
public static class PruneRun
{
    public sealed record Result(
        CoresetSelection Selection,
        double Fraction,
        NoiseDetection? Noise,
        double SurrogateSeconds,
        double ScoringSeconds,
        string ModelName);

    /// <param name="surrogate">Trainer settings of the surrogate runs (their epochs come from the coreset options).</param>
    public static Result Execute(PreparedData data, string method, double fraction, CoresetOptions options, string? model,
        TrainerOptions surrogate, IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default,
        LearnerOptions? warmup = null)
    {
        KeptFraction.Validate(fraction);
        var coresetMethod = CoresetMethods.Create(method);
        var modelName = model ?? ModelCatalog.DefaultFor(data.Source.Kind);
        using var context = new ScoringContext(data.Train, options, modelName, surrogate, progress, cancellation, warmup);
        var watch = Stopwatch.StartNew();
        var selection = coresetMethod.Select(context, fraction);
        var total = watch.Elapsed.TotalSeconds;
        if (options.Balance == true || selection.Kept.Length == 0) CheckEveryClassKept(selection, data.Train, fraction);
        return new Result(selection, fraction, NoiseDetection.Measure(selection, data.Train.NoisyMask),
            context.SurrogateSeconds, total - context.SurrogateSeconds, modelName);
    }

    /// <summary>With class balance, a class that keeps nothing means the fraction is too small for it.</summary>
    private static void CheckEveryClassKept(CoresetSelection selection, SampleSet train, double fraction)
    {
        var kept = selection.Kept.Select(i => train.Labels[i]).ToHashSet();
        var missing = train.Labels.Distinct().Order().FirstOrDefault(c => !kept.Contains(c), -1);
        if (missing >= 0)
            throw new WinnowException(
                $"with --balance, class {missing} ({train.Labels.Count(l => l == missing)} samples) keeps no sample at fraction {fraction}; raise --fraction or drop --balance");
    }
}
