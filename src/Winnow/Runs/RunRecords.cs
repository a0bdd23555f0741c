using Winnow.Data;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Metrics;
using Winnow.Models;
using Winnow.Training;

namespace Winnow.Runs;

/// <summary>Assembles the one <see cref="RunRecord"/> of a run from its parts.</summary>
internal static class RunRecords
{
    /// <summary>What training added: the trained run and how it was set up.</summary>
    /// <param name="Curve">The reference set and window of the per-epoch detection curve; null when none is measured.</param>
    internal sealed record TrainingPart(TrainedRun Run, IReadOnlyList<int>? Subset, DynamicPruner? Pruner, TeacherSource? Teacher,
        IReadOnlyList<int>? DetectionReference, CurveSetup? Curve = null);

    /// <param name="Reference">Null: the curve leaves DAS out (no reference set could be had).</param>
    internal sealed record CurveSetup(IReadOnlyList<int>? Reference, int Window);

    /// <param name="init">What loading the spec's weights file did (null without one).</param>
    public static RunRecord Build(RunSpec spec, PreparedData data, string modelName, WeightsReport? init, ChosenCoreset? chosen, TrainingPart? training)
    {
        var train = data.Train;
        var noisy = train.NoisyMask;
        var record = new RunRecord
        {
            Dataset = data.Source.Name,
            TrainSize = train.Count,
            TestSize = data.Test.Count,
            Noise = spec.Data.NoiseSpec.ToString(),
            NoiseRate = train.NoiseRate,
            NoisyTotal = noisy?.Count(n => n),
            SkippedImages = spec.Data.SkipBadImages ? data.Source.SkippedFiles.Count : null,
            Excluded = spec.Data.Exclude is null ? null : data.Excluded,
            Relabeled = spec.Data.Relabel is null ? null : data.Relabeled,
            Seed = spec.Seed,
            Model = modelName,
            Init = spec.Init,
            InitSha256 = spec.Init is { } path ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))) : null,
            InitLoaded = init?.Loaded,
            InitSkipped = init is null ? null : [.. init.Missing, .. init.Unexpected, .. init.Misshaped.Select(m => m.Split(':')[0])],
            Learner = training?.Run.Trainer.Learner.Name ?? spec.Learner.Name,
            Device = spec.Device,
            CpuThreads = CpuBackend.Threads,
            CpuConvolutions = CpuBackend.OneDnn switch { true => "oneDNN", false => "native", null => null },
            ActivationLayout = ConvolutionLayout.Name,
            Epochs = spec.Trainer.Epochs,
            BatchSize = spec.Trainer.BatchSize,
            LearningRate = spec.Trainer.LearningRate,
        };
        if (chosen is not null) record = WithSelection(record, spec, chosen, noisy);
        return training is null ? record : WithTraining(record, spec, train, chosen, training);
    }

    private static RunRecord WithSelection(RunRecord record, RunSpec spec, ChosenCoreset chosen, bool[]? noisy)
    {
        var noise = NoiseDetection.Measure(chosen.Selection, noisy);
        return record with
        {
            Method = chosen.Selection.Method,
            Fraction = ((StaticPruning)spec.Pruning).Fraction,
            SubsetSize = chosen.Selection.Kept.Length,
            NoisyKept = noise?.NoisyKept,
            NoisyKeptFraction = noise is { NoisyTotal: > 0 } n ? n.NoisyKept / (double)n.NoisyTotal : null,
            SelectionSamplesBackpropagated = chosen.SamplesBackpropagated,
            SelectionSeconds = chosen.Seconds,
            SurrogateSeconds = chosen.SurrogateSeconds,
            ScoringSeconds = chosen.ScoringSeconds,
            DetectionAuroc = noise is null ? null : Finite(noise.PrunedFirstAuroc),
            DetectionScore = noise is null ? null : "pruning order",
        };
    }

    private static RunRecord WithTraining(RunRecord record, RunSpec spec, SampleSet train, ChosenCoreset? chosen, TrainingPart training)
    {
        var run = training.Run;
        var noisy = train.NoisyMask;
        var full = (double)run.Epochs.Count * train.Count;
        var backpropagated = run.Trainer.SamplesBackpropagated;
        var perEpoch = run.Epochs.Select(e => e.NoisyTrainedOn).ToArray();
        var known = perEpoch.All(n => n is not null);
        var samples = run.Epochs.Sum(e => (long)e.Samples);
        var noisyTotal = record.NoisyTotal;
        var fixedSet = training.Pruner is null ? training.Subset ?? Enumerable.Range(0, train.Count).ToArray() : null;
        var learner = run.Trainer.Learner.Report;
        var signal = training.Pruner?.Signal;
        record = record with
        {
            TestAccuracy = run.TestAccuracy,
            TrainSeconds = run.Epochs.Sum(e => e.Seconds),
            WallSeconds = run.WallSeconds,
            SamplesForwarded = run.Trainer.SamplesForwarded,
            SamplesBackpropagated = backpropagated,
            FractionOfFullTraining = full == 0 ? 0 : backpropagated / full,
            ComputeFraction = full == 0 ? 0 : (backpropagated + (chosen?.SamplesBackpropagated ?? 0)) / full,
            SubsetSize = fixedSet?.Count,
            NoisyKept = fixedSet is not null && noisy is not null ? fixedSet.Count(i => noisy[i]) : null,
            NoisyKeptFraction = known && noisyTotal > 0 ? perEpoch.Average(n => n!.Value) / noisyTotal.Value : null,
            NoisyTrainedPerEpoch = perEpoch,
            NoisyShareTrained = known && samples > 0 ? perEpoch.Sum(n => (long)n!.Value) / (double)samples : null,
            NoisyLabelsTrained = run.Correction?.NoisyTrained,
            LabelsCorrected = run.Correction?.Corrected,
            LabelCorrectionAccuracy = run.Correction?.Accuracy,
            Teacher = training.Teacher?.Recorded,
            KdAlpha = learner.KdAlpha,
            KdTemperature = learner.KdTemperature,
            KdTeacherCached = learner.KdTeacherCached,
            KdTeacherCacheSeconds = learner.KdTeacherCacheSeconds,
            TeacherSamplesBackpropagated = spec.Learner.Distillation is { Teacher: null } ? (long)full : null,
            DividemixLabeledFraction = learner.DividemixLabeledFraction,
            Pruner = training.Pruner?.Name,
            PruneRatio = training.Pruner?.Options.PruneRatio,
            Signal = signal?.Name,
            ReferenceSize = signal is AlignmentSignal ? signal.AlwaysKept.Count : training.DetectionReference?.Count,
            DasWindow = (signal as AlignmentSignal)?.Window ?? DetectionWindow(spec, run),
        };
        if (training.Curve is { } curve && run.Trainer.Trajectory is { } measured && noisy is not null)
        {
            record = record with
            {
                DetectionCurve = DetectionCurve.Compute(measured, noisy, run.Epochs, curve.Reference, curve.Window),
                DetectionCurveWindow = curve.Reference is null ? null : curve.Window,
                DetectionCurveReferenceSize = curve.Reference?.Count,
            };
        }
        if (chosen is null)
        {
            // AlignPrune's final −DAS once it ranks, else each sample's last training loss (high = flagged).
            var trajectory = run.Trainer.Trajectory;
            record = signal is AlignmentSignal { Active: true } alignment
                ? record with { DetectionScore = "das", DetectionAuroc = Auroc(alignment.Scores().Select(s => float.IsFinite(s) ? -s : 0f).ToArray(), noisy) }
                : trajectory is null ? record
                : record with { DetectionScore = "loss", DetectionAuroc = Auroc(LastLosses(trajectory), noisy) };
        }
        return record;
    }

    /// <summary>
    /// A detection run's scores and label issues; where the clean labels are known (the noise was
    /// injected or read from a file), how well each score and confident learning's flags find the wrong labels.
    /// </summary>
    public static RunRecord WithDetection(RunRecord record, RunSpec spec, PreparedData data, IReadOnlyDictionary<string, float[]> scores, DetectedLabelIssues? issues)
    {
        var noisy = spec.Data.NoiseSpec.Kind != Data.Noise.NoiseKind.None ? data.Train.NoisyMask : null;
        record = record with
        {
            Scores = noisy is null ? null : scores.Select(p => new ScoreQuality(p.Key, Finite(Metrics.Auroc.Compute(p.Value, noisy)), Finite(AveragePrecision.Compute(p.Value, noisy)))).ToArray(),
        };
        if (issues is null) return record;
        var flags = IssueFlagQuality.Measure(issues.Issues.IsIssue, noisy);
        return record with
        {
            LabelIssues = issues.Issues.IssueCount,
            EstimatedNoiseRate = issues.Issues.NoiseRate,
            Folds = issues.Folds,
            IssueFilter = spec.Detection!.FilterBy,
            LabelQuality = spec.Detection.Quality,
            IssuePrecision = flags?.Precision,
            IssueRecall = flags?.Recall,
            IssueF1 = flags?.F1,
        };
    }

    private static int? DetectionWindow(RunSpec spec, TrainedRun run) =>
        spec.Detection is { } detection && detection.NamesFor(spec.Data.NoiseSpec.Kind != Data.Noise.NoiseKind.None).Contains("das") ? Math.Min(detection.Alignment.WindowFor(spec.Trainer.Epochs), run.Epochs.Count) : null;

    /// <summary>Each sample's last training loss; never trained on = the mean (no evidence either way).</summary>
    private static float[] LastLosses(TrainingTrajectory trajectory)
    {
        var last = new float[trajectory.SampleCount];
        Array.Fill(last, float.NaN);
        for (var e = trajectory.Epochs - 1; e >= 0; e--)
        {
            var losses = trajectory.LossesAt(e);
            for (var i = 0; i < last.Length; i++)
            {
                if (float.IsNaN(last[i]) && float.IsFinite(losses[i])) last[i] = losses[i];
            }
        }
        var finite = last.Where(float.IsFinite).ToArray();
        var neutral = finite.Length == 0 ? 0f : finite.Average();
        for (var i = 0; i < last.Length; i++)
        {
            if (!float.IsFinite(last[i])) last[i] = neutral;
        }
        return last;
    }

    private static double? Auroc(float[] scores, bool[]? noisy) => noisy is null ? null : Finite(Metrics.Auroc.Compute(scores, noisy));

    /// <summary>NaN (no noisy or no clean sample) becomes null: undefined, shown as "does not apply".</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
