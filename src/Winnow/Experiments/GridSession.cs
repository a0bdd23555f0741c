using System.Diagnostics;
using System.Text.Json.Nodes;
using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Dynamic;
using Winnow.Learners;
using Winnow.Metrics;
using Winnow.Models;
using Winnow.Runs;
using Winnow.Scoring;
using Winnow.Training;

namespace Winnow.Experiments;

/// <summary>
/// The runs of one <see cref="GridRunner.Run"/> call still to do, and what they share: per
/// dataset × noise × seed one prepared dataset, one teacher (the full-data run, saved under
/// DIR/teachers/HASH and reused by every distilled run, also across invocations), and one scoring
/// context per method and settings whose surrogate runs serve every kept fraction. Each finished
/// run is appended to results.jsonl at once, each failed one to failures.jsonl.
/// </summary>
internal sealed class GridSession(string directory, IReadOnlyList<GridRun> pending, IProgress<GridProgress>? progress, CancellationToken cancellation)
{
    public const string TeachersFolder = "teachers";

    private sealed record Chosen(CoresetSelection Selection, double Seconds, long Samples);

    private sealed record Work(double Teacher, double Scoring, double Training)
    {
        public double Total => Teacher + Scoring + Training;
    }

    private readonly Dictionary<string, Work> _work = Estimate(directory, pending);
    private readonly HashSet<string> _teachersWanted = pending.Where(r => r.NeedsTeacher).Select(r => r.FullHash).ToHashSet();
    private readonly PhaseProgress _phaseProgress = new();
    private int _number;
    private GridRun? _current;
    private double _workDone;
    private double _runOffset;
    private double _phaseUnits;
    private double _phaseFraction;

    private int _finished, _failed, _dataPreparations, _teachersTrained, _teachersFromFullArm, _distilled, _scorings, _staticRuns, _selectionsReused;

    public GridSummary Summary(int runs, int alreadyFinished, double seconds) => new(runs, alreadyFinished, _finished, _failed, _dataPreparations,
        _teachersTrained, _teachersFromFullArm, _distilled, _scorings, _staticRuns, _selectionsReused, seconds);

    /// <summary>Runs one dataset × noise × seed group: the data is prepared once, contexts live until the group ends.</summary>
    public void RunGroup(IReadOnlyList<GridRun> runs)
    {
        _phaseProgress.Session = this;
        var first = runs[0];
        cancellation.ThrowIfCancellationRequested();
        using var data = DataPipeline.Prepare(first.Dataset.ToDataOptions(first.Noise, first.Seed));
        _dataPreparations++;
        var contexts = new Dictionary<string, ScoringContext>();
        var selections = new Dictionary<string, Chosen>();
        try
        {
            foreach (var run in runs)
            {
                cancellation.ThrowIfCancellationRequested();
                _number++;
                _current = run;
                Report(GridProgressKind.RunStarted);
                ResultRow row;
                try
                {
                    row = run.Arm switch
                    {
                        FullArm => RunFull(run, data),
                        StaticArm => RunStatic(run, data, contexts, selections),
                        _ => RunDynamic(run, data),
                    };
                }
                catch (WinnowException error)
                {
                    // An error of this run alone (NaN loss, a learner refusing its subset): record it and go on,
                    // so one diverging arm does not cost the rest of a night's grid. I/O errors still stop the grid.
                    FailureStore.Append(directory, new RunFailure(run.Hash, run.Label, run.Configuration, error.Message));
                    _failed++;
                    EndRun(run);
                    Report(GridProgressKind.RunFailed, message: error.Message);
                    continue;
                }
                ResultStore.Append(directory, row);
                _finished++;
                EndRun(run);
                Report(GridProgressKind.RunFinished, result: row);
            }
        }
        finally
        {
            foreach (var context in contexts.Values) context.Dispose();
            _current = null;
        }
    }

    private void EndRun(GridRun run)
    {
        _workDone += _work[run.Hash].Total;
        _runOffset = _phaseUnits = _phaseFraction = 0;
        _phase = null;
    }

    private ResultRow RunFull(GridRun run, PreparedData data)
    {
        BeginPhase("training", _work[run.Hash].Training);
        using var result = TrainRun.Execute(Options(run, data, new LearnerOptions { Name = run.Arm.Learner }, null), data, null, _phaseProgress, cancellation);
        if (run.Arm.Learner == "ce" && _teachersWanted.Contains(run.Hash) && !TeacherExists(run.Hash))
        {
            SaveTeacher(run.Hash, result);
            _teachersFromFullArm++;
            Report(GridProgressKind.Note, message: $"saved this full-data run as the distillation teacher ({TeacherFolder(run.Hash)})");
        }
        var metrics = RunMeasures.Common(result, TrainMetrics.From(result, run.Noise)) with
        {
            NoisyKept = data.Train.NoisyMask?.Count(n => n),
            DetectionAuroc = RunMeasures.LastLossAuroc(result),
            DetectionScore = "loss",
        };
        return new ResultRow(run.Hash, run.Label, run.Configuration, metrics);
    }

    private ResultRow RunStatic(GridRun run, PreparedData data, Dictionary<string, ScoringContext> contexts, Dictionary<string, Chosen> selections)
    {
        var arm = (StaticArm)run.Arm;
        var fraction = run.Fraction!.Value;
        _staticRuns++;
        var contextKey = ContextKey(run);
        var selectionKey = $"{contextKey}|{fraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
        if (selections.TryGetValue(selectionKey, out var chosen))
        {
            _selectionsReused++;
            Report(GridProgressKind.Note, message: $"reused the {arm.Method} selection at f {fraction} made for another arm");
        }
        else
        {
            if (!contexts.TryGetValue(contextKey, out var context))
            {
                var trainer = Trainer(run, data) with { Seed = run.Seed };
                context = new ScoringContext(data.Train, arm.Scoring with { Seed = run.Seed }, ModelName(run, data), trainer,
                    _phaseProgress, cancellation, new LearnerOptions { Name = arm.Learner });
                contexts[contextKey] = context;
                _scorings++;
            }
            else
            {
                Report(GridProgressKind.Note, message: $"reused the {arm.Method} scores for f {fraction}");
            }
            BeginPhase("scoring", _work[run.Hash].Scoring);
            var before = context.SurrogateSeconds;
            var watch = Stopwatch.StartNew();
            var selection = CoresetMethods.Create(arm.Method).Select(context, fraction);
            var own = watch.Elapsed.TotalSeconds - (context.SurrogateSeconds - before);
            chosen = new Chosen(selection, context.SurrogateSeconds + own, context.SurrogateSamplesBackpropagated);
            selections[selectionKey] = chosen;
        }

        var learner = new LearnerOptions { Name = arm.Learner };
        string? teacher = null;
        if (arm.Kd is { } kd)
        {
            teacher = EnsureTeacher(run, data);
            learner = learner with { Teacher = Path.Combine(directory, teacher), KdAlpha = kd.Alpha, KdTemperature = kd.Temperature };
            _distilled++;
        }
        BeginPhase("training", _work[run.Hash].Training);
        var kept = chosen.Selection.Kept;
        using var result = TrainRun.Execute(Options(run, data, learner, kept), data, null, _phaseProgress, cancellation);
        var noise = NoiseDetection.Measure(chosen.Selection, data.Train.NoisyMask);
        var full = (double)result.Epochs.Count * data.Train.Count;
        var metrics = RunMeasures.Common(result, TrainMetrics.From(result, run.Noise)) with
        {
            SubsetSize = kept.Length,
            SelectionSamplesBackpropagated = chosen.Samples,
            SelectionSeconds = chosen.Seconds,
            ComputeFraction = (result.SamplesBackpropagated + chosen.Samples) / full,
            NoisyKept = noise?.NoisyKept,
            NoisyKeptFraction = noise is { NoisyTotal: > 0 } n ? n.NoisyKept / (double)n.NoisyTotal : null,
            DetectionAuroc = noise is null ? null : RunMeasures.Finite(noise.PrunedFirstAuroc),
            DetectionScore = "pruning order",
            Teacher = teacher,
            TeacherSamplesBackpropagated = teacher is null ? null : (long)full,
        };
        return new ResultRow(run.Hash, run.Label, run.Configuration, metrics);
    }

    private ResultRow RunDynamic(GridRun run, PreparedData data)
    {
        var arm = (DynamicArm)run.Arm;
        var count = data.Train.Count;
        AlignmentSignal? signal = null;
        if (arm.Align)
        {
            var injected = NoiseSpec.Parse(run.Noise).Kind != NoiseKind.None;
            var reference = ReferenceSet.FromCleanSamples(data.Train, arm.ReferenceSize, injected, Seeds.Derive(run.Seed, "reference-set"));
            signal = new AlignmentSignal(count, reference, arm.DasWindow);
        }
        var pruner = DynamicPruners.Create(arm.Pruner, count, arm.Options with { Seed = run.Seed }, signal, arm.Reweight)!;
        BeginPhase("training", _work[run.Hash].Training);
        using var result = TrainRun.Execute(Options(run, data, new LearnerOptions { Name = arm.Learner }, null), data, pruner, _phaseProgress, cancellation);
        var das = signal is { Active: true };
        var metrics = RunMeasures.Common(result, TrainMetrics.From(result, run.Noise)) with
        {
            DetectionAuroc = das ? RunMeasures.DasAuroc(signal!, data.Train.NoisyMask) : RunMeasures.LastLossAuroc(result),
            DetectionScore = das ? "das" : "loss",
        };
        return new ResultRow(run.Hash, run.Label, run.Configuration, metrics);
    }

    /// <summary>The folder of the teacher for <paramref name="run"/>'s data, training it first if no earlier run saved it.</summary>
    private string EnsureTeacher(GridRun run, PreparedData data)
    {
        if (!TeacherExists(run.FullHash))
        {
            BeginPhase("teacher", _work[run.Hash].Teacher);
            using var teacher = TrainRun.Execute(Options(run, data, new LearnerOptions(), null), data, null, _phaseProgress, cancellation);
            SaveTeacher(run.FullHash, teacher);
            _teachersTrained++;
            Report(GridProgressKind.Note, message: $"trained the distillation teacher ({TeacherFolder(run.FullHash)})");
        }
        return TeacherFolder(run.FullHash);
    }

    private static string TeacherFolder(string hash) => Path.Combine(TeachersFolder, hash);

    private bool TeacherExists(string hash) => File.Exists(Path.Combine(directory, TeacherFolder(hash), Checkpoint.DescriptionFile));

    /// <summary>Writes the checkpoint beside its final place, then renames the folder: a kill leaves no half teacher.</summary>
    private void SaveTeacher(string hash, TrainRunResult run)
    {
        var target = Path.Combine(directory, TeacherFolder(hash));
        var temporary = $"{target}.{Environment.ProcessId}.tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Checkpoint.Save(temporary, run.Model, new Checkpoint(run.ModelName, run.SampleShape, run.Data.Train.ClassCount, run.Epochs.Count));
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(temporary, target);
    }

    private static TrainRunOptions Options(GridRun run, PreparedData data, LearnerOptions learner, IReadOnlyList<int>? subset) => new()
    {
        Data = run.Dataset.ToDataOptions(run.Noise, run.Seed),
        Model = run.Model,
        Trainer = Trainer(run, data),
        Learner = learner,
        EvaluateEveryEpoch = false,
        Subset = subset,
    };

    private static TrainerOptions Trainer(GridRun run, PreparedData data) =>
        run.Trainer with { Augmentation = AugmentationChoice.Resolve(run.Augment, data.Source.Kind) };

    private static string ModelName(GridRun run, PreparedData data) => run.Model ?? ModelCatalog.DefaultFor(data.Source.Kind);

    /// <summary>Runs with the same method, scoring settings, learner and trainer draw from one scoring context (kept fraction and distillation aside).</summary>
    private static string ContextKey(GridRun run)
    {
        var arm = (JsonObject)run.Configuration["arm"]!.DeepClone();
        arm.Remove("kd");
        return CanonicalJson.Write(new JsonArray(arm, run.Configuration["trainer"]!.DeepClone(), run.Model));
    }

    /// <summary>
    /// Work of each run in samples backpropagated: its training, plus the scoring and teacher it
    /// is the first to need. An unknown training-set size counts as 60,000 (it only weighs the ETA).
    /// </summary>
    private static Dictionary<string, Work> Estimate(string directory, IReadOnlyList<GridRun> runs)
    {
        var work = new Dictionary<string, Work>();
        var contexts = new HashSet<string>();
        var teachers = new HashSet<string>();
        foreach (var run in runs)
        {
            double n = run.Dataset.TrainSize ?? 60000;
            double epochs = run.Trainer.Epochs;
            var training = run.Arm switch
            {
                StaticArm => epochs * Math.Round(run.Fraction!.Value * n),
                DynamicArm d => epochs * n * (d.Pruner == "infobatch" ? 1 - d.Options.PruneRatio / 2 : 1 - d.Options.PruneRatio),
                _ => epochs * n,
            };
            var scoring = run.Arm is StaticArm s && s.Method != "random" && contexts.Add(run.GroupKey + ContextKey(run))
                ? s.Scoring.Repeats * s.Scoring.ScoreEpochs * n
                : 0;
            if (run.Arm is FullArm { Learner: "ce" }) teachers.Add(run.Hash);
            var teacher = run.NeedsTeacher && !File.Exists(Path.Combine(directory, TeacherFolder(run.FullHash), Checkpoint.DescriptionFile))
                && teachers.Add(run.FullHash)
                ? epochs * n
                : 0;
            work[run.Hash] = new Work(teacher, scoring, training);
        }
        return work;
    }

    private double? _workTotal;
    private string? _phase;

    public double WorkTotal => _workTotal ??= _work.Values.Sum(w => w.Total);

    private double WorkDone => _workDone + _runOffset + _phaseUnits * _phaseFraction;

    private void BeginPhase(string phase, double units)
    {
        _runOffset += _phaseUnits;
        _phaseUnits = units;
        _phaseFraction = 0;
        _phase = phase;
        Report(GridProgressKind.Phase);
    }

    private void OnTraining(TrainingProgress p)
    {
        var within = p.Finished is not null ? 1 : p.Batches > 0 ? p.Batch / (double)p.Batches : 0;
        _phaseFraction = p.Epochs == 0 ? 0 : Math.Clamp((p.Epoch + within) / p.Epochs, 0, 1);
        Report(GridProgressKind.Training, training: p);
    }

    private void Report(GridProgressKind kind, ResultRow? result = null, string? message = null, TrainingProgress? training = null) =>
        progress?.Report(new GridProgress(kind, _number, pending.Count, _current, WorkDone, WorkTotal)
        {
            Result = result, Message = message, Phase = _phase, Training = training,
        });

    /// <summary>Hands the trainer's progress to the session, whichever phase is running.</summary>
    private sealed class PhaseProgress : IProgress<TrainingProgress>
    {
        public GridSession? Session { get; set; }

        public void Report(TrainingProgress value) => Session?.OnTraining(value);
    }
}
