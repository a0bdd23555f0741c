using System.Diagnostics;
using System.Globalization;
using Winnow.Data;
using Winnow.Models;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>The static-pruning part of a run: a scoring context (shared through the resources), the method's selection, its cost.</summary>
internal static class CoresetStage
{
    public static ChosenCoreset Choose(RunSpec spec, StaticPruning pruning, PreparedData data, ModelRecipe model, IRunResources resources,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var forSelection = ForSelection(spec, pruning);
        return resources.Selection($"{forSelection.Hash()}|{pruning.Fraction.ToString("R", CultureInfo.InvariantCulture)}", () =>
        {
            var context = resources.Scoring(ScoringKey(spec, pruning), () =>
                new ScoringContext(data.Train, pruning.Scoring, model, spec.Trainer, spec.Seed, progress, cancellation, spec.Learner))
                .WithBalance(pruning.Scoring.Balance);
            var before = context.SurrogateSeconds;
            var watch = Stopwatch.StartNew();
            var selection = CoresetMethods.Create(pruning.Method).Select(context, pruning.Fraction);
            var scoring = watch.Elapsed.TotalSeconds - (context.SurrogateSeconds - before) + context.MergedScoringSeconds;
            if (pruning.Scoring.Balance || selection.Kept.Length == 0) CheckEveryClassKept(selection, data.Train, pruning.Fraction);
            return new ChosenCoreset(selection, context.SurrogateSeconds, scoring, context.SurrogateSamplesBackpropagated);
        });
    }

    /// <summary>
    /// What a selection depends on: everything but the kept fraction and distillation (random with
    /// and without distillation keep the same coreset).
    /// </summary>
    private static RunSpec ForSelection(RunSpec spec, StaticPruning pruning) => spec with
    {
        Learner = spec.Learner with { Distillation = null },
        Pruning = pruning with { Fraction = 1, Train = true },
        Detection = null,
    };

    /// <summary>
    /// The key of the scoring context: surrogates depend on everything but the kept fraction,
    /// distillation and class balance, so one context serves every fraction, balanced or not.
    /// </summary>
    public static string ScoringKey(RunSpec spec, StaticPruning pruning)
    {
        var forSelection = ForSelection(spec, pruning);
        var everyFraction = (StaticPruning)forSelection.Pruning;
        return (forSelection with { Pruning = everyFraction with { Scoring = pruning.Scoring with { Balance = true } } }).Hash();
    }

    /// <summary>With class balance, a class that keeps nothing means the fraction is too small for it.</summary>
    private static void CheckEveryClassKept(CoresetSelection selection, SampleSet train, double fraction)
    {
        var kept = selection.Kept.Select(i => train.Labels[i]).ToHashSet();
        var missing = train.Labels.Distinct().Order().FirstOrDefault(c => !kept.Contains(c), -1);
        if (missing >= 0)
            throw new WinnowException(
                $"with class balance, class {missing} ({train.Labels.Count(l => l == missing)} samples) keeps no sample at fraction {fraction}; raise the fraction or turn class balance off");
    }
}
