using Winnow.Data;
using Winnow.Data.Noise;
using Winnow.Detection;
using Winnow.Dynamic;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Runs;

/// <summary>
/// Executes a <see cref="RunSpec"/>: prepares the data, scores and selects a coreset, resolves
/// the distillation teacher (training it when the spec asks for the full-data run), builds the
/// dynamic pruner and its reference set, trains, measures detection, and returns one
/// <see cref="RunResult"/> with its <see cref="RunRecord"/>. Every seed a run uses is derived
/// here or below from the spec's one seed. The command line and grids only map their input to a
/// spec and write what this returns.
/// </summary>
public static class Runner
{
    /// <param name="resources">What the run may share with others (a grid's); the run makes its own when null.</param>
    /// <param name="evaluateEveryEpoch">Measure test accuracy after every epoch (the epoch log); else only at the end.</param>
    /// <exception cref="WinnowException">The spec is invalid, its device is not here (CUDA without a GPU), or the run failed in a way the user can fix.</exception>
    public static RunResult Execute(RunSpec spec, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default,
        IRunResources? resources = null, bool evaluateEveryEpoch = true)
    {
        spec.Validate();
        return Execute(spec, ComputeDevice.Resolve(spec.Device), progress, cancellation, resources, evaluateEveryEpoch);
    }

    /// <summary>
    /// Runs a valid spec on <paramref name="device"/>, which may be any device libtorch has (the
    /// tests use one that computes on the CPU but refuses CPU tensors, to prove placement).
    /// The spec the result carries, and so its record and files, names the device.
    /// </summary>
    internal static RunResult Execute(RunSpec spec, Device device, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default,
        IRunResources? resources = null, bool evaluateEveryEpoch = true)
    {
        spec = spec with { Device = ComputeDevice.NameOf(device) };
        var own = resources is null ? new SingleRunResources() : null;
        try
        {
            return Run(spec, device, resources ?? own!, progress, cancellation, evaluateEveryEpoch, own);
        }
        catch
        {
            own?.Dispose();
            throw;
        }
    }

    /// <summary>Runs a spec with resources the result then owns (disposed with it, or at once when the run fails).</summary>
    internal static RunResult ExecuteOwning<T>(RunSpec spec, T resources, IProgress<RunProgress>? progress, CancellationToken cancellation)
        where T : IRunResources, IDisposable
    {
        try
        {
            spec.Validate();
            var device = ComputeDevice.Resolve(spec.Device);
            return Run(spec with { Device = ComputeDevice.NameOf(device) }, device, resources, progress, cancellation, true, resources);
        }
        catch
        {
            resources.Dispose();
            throw;
        }
    }

    private static RunResult Run(RunSpec spec, Device device, IRunResources resources, IProgress<RunProgress>? progress, CancellationToken cancellation,
        bool evaluateEveryEpoch, IDisposable? own)
    {
        var (data, modelName, model, init) = Prepare(spec, device, resources, progress, cancellation);
        var injected = spec.Data.NoiseSpec.Kind != NoiseKind.None;
        if (spec.Detection is not null && injected && data.Train.NoisyMask?.Any(n => n) != true)
            throw new WinnowException($"the noise {spec.Data.NoiseSpec} changed none of the {data.Train.Count} training labels: there is no wrong label to detect");

        ChosenCoreset? chosen = null;
        if (spec.Pruning is StaticPruning pruning)
        {
            progress?.Report(new RunProgress("scoring"));
            chosen = CoresetStage.Choose(spec, pruning, data, model, resources, Phase(progress, "scoring"), cancellation);
            if (!pruning.Train)
                return new RunResult(spec, RunRecords.Build(spec, data, modelName, init, chosen, null), data, modelName, null, [], [], chosen, null, own);
        }
        var scoreNames = spec.Detection?.NamesFor(referenceAvailable: injected);
        DetectedLabelIssues? issues = null;
        if (spec.Detection is { } wanted && scoreNames!.Contains(DetectionSpec.ConfidentLearningScore))
        {
            issues = DetectionStage.LabelIssues(spec, wanted, data, model, progress, cancellation);
            if (scoreNames!.All(n => n == DetectionSpec.ConfidentLearningScore))
            {
                var scoresOnly = new Dictionary<string, float[]> { [DetectionSpec.ConfidentLearningScore] = issues.Score() };
                var recordOnly = RunRecords.WithDetection(RunRecords.Build(spec, data, modelName, init, null, null), spec, data, scoresOnly, issues);
                return new RunResult(spec, recordOnly, data, modelName, null, [], [], null, scoresOnly, own) { LabelIssues = issues };
            }
        }
        var subset = chosen?.Selection.Kept ?? (spec.Pruning is GivenSubset given ? SelectionFile.Read(given.Selection, data.Identity) : null);
        var teacher = Teacher(spec, device, resources, progress, cancellation);
        var pruner = spec.Pruning is DynamicPruning dynamic ? Pruner(spec, dynamic, data, injected) : null;

        progress?.Report(new RunProgress("training"));
        var trained = RunTraining.Train(spec, data, model, subset, pruner, teacher, Phase(progress, "training"), cancellation, evaluateEveryEpoch);
        try
        {
            Dictionary<string, float[]>? scores = null;
            IReadOnlyList<int>? reference = null;
            if (spec.Detection is { } detection)
            {
                progress?.Report(new RunProgress("detection"));
                reference = scoreNames!.Contains("das") ? ReferenceSet.Resolve(detection.Alignment, data, injected, spec.Seed) : null;
                scores = scoreNames!.ToDictionary(n => n, n => n == DetectionSpec.ConfidentLearningScore
                    ? issues!.Score()
                    : NoiseScores.Compute(n, trained.Trainer, data.Train, reference, detection.Alignment.WindowFor(spec.Trainer.Epochs)));
            }
            var curve = CurveSetup(spec, data, injected, pruner, reference);
            var record = RunRecords.Build(spec, data, modelName, init, chosen, new RunRecords.TrainingPart(trained, subset, pruner, teacher, reference, curve));
            if (scores is not null) record = RunRecords.WithDetection(record, spec, data, scores, issues);
            return new RunResult(spec, record, data, modelName, trained.Trainer, trained.Networks, trained.Epochs, chosen, scores, own) { LabelIssues = issues };
        }
        catch
        {
            trained.Dispose();
            throw;
        }
    }

    /// <summary>The first steps of every run: the data prepared (through the resources), the model checked against it, its weights file read once.</summary>
    internal static (PreparedData Data, string ModelName, ModelRecipe Model, WeightsReport? Init) Prepare(RunSpec spec, Device device, IRunResources resources,
        IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        // libtorch's thread count is the process's: a run that names one sets it for what follows.
        if (spec.Threads is { } threads) CpuBackend.Threads = threads;
        ConvolutionLayout.ChannelsLast = spec.ChannelsLast ?? true;
        progress?.Report(new RunProgress("data"));
        var data = resources.Data(spec.Data, spec.Seed, progress is null ? null : new DecodingProgress(progress));
        progress?.Report(new RunProgress("data", Data: data, Device: spec.Device));
        cancellation.ThrowIfCancellationRequested();
        var modelName = spec.Model ?? ModelCatalog.DefaultFor(data.Source.Kind);
        var shape = data.Train.SampleShape.Select(d => (int)d).ToArray();
        ModelCatalog.Check(modelName, shape, data.Train.ClassCount);
        var model = new ModelRecipe(modelName, shape, data.Train.ClassCount) { Device = device, Init = spec.Init, InitStrict = spec.InitStrict };
        // The weights file is checked against the model once, before any training, and what it skipped reported.
        WeightsReport? init = null;
        if (model.Init is not null)
        {
            model.Build(0, out init).Dispose();
            progress?.Report(new RunProgress("init", Note: $"init: {init!.Loaded} tensors from {model.Init}{(init.Skipped > 0 ? $"; skipped {init.Describe()}" : "")}"));
        }
        return (data, modelName, model, init);
    }

    /// <summary>The teacher's folder: the one the spec names, or the full-data run of the same data (shared through the resources).</summary>
    private static TeacherSource? Teacher(RunSpec spec, Device device, IRunResources resources, IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        if (spec.Learner.Distillation is not { } kd) return null;
        if (kd.Teacher is { } folder) return new TeacherSource(folder, folder);
        var teacherSpec = spec.TeacherSpec();
        return resources.Teacher(teacherSpec, () =>
        {
            progress?.Report(new RunProgress("teacher"));
            var asTeacher = progress is null ? null : new Progress(p => progress.Report(p with { Phase = "teacher" }));
            return Execute(teacherSpec, device, asTeacher, cancellation, resources, evaluateEveryEpoch: false);
        });
    }

    private static DynamicPruner Pruner(RunSpec spec, DynamicPruning dynamic, PreparedData data, bool injected)
    {
        var count = data.Train.Count;
        var signal = SampleSignals.All[dynamic.Signal].Create(count,
            () => ReferenceSet.Resolve(dynamic.Alignment, data, injected, spec.Seed), dynamic.Alignment, spec.Trainer.Epochs);
        return DynamicPruners.Create(dynamic.Pruner, count, dynamic.Options, spec.Seed, signal);
    }

    /// <summary>
    /// What the per-epoch detection curve compares against, for runs on all the data or dynamically pruned
    /// with injected noise (null otherwise): under DAS the pruner's own reference set and window; else the
    /// detection's reference set, or the set drawn as DAS would draw it (same seed, 1% of the clean samples
    /// unless sized), so a loss run is measured against the set a DAS run of the same seed trains with.
    /// The draw is seeded on its own and happens after training: it changes nothing the run computes.
    /// </summary>
    private static RunRecords.CurveSetup? CurveSetup(RunSpec spec, PreparedData data, bool injected, DynamicPruner? pruner, IReadOnlyList<int>? detectionReference)
    {
        if (!injected || data.Train.NoisyMask is null || spec.Pruning is not (NoPruning or DynamicPruning)) return null;
        if (pruner?.Signal is AlignmentSignal das) return new(das.AlwaysKept, das.Window);
        var options = (spec.Pruning as DynamicPruning)?.Alignment ?? spec.Detection?.Alignment ?? new AlignmentOptions();
        var window = options.WindowFor(spec.Trainer.Epochs);
        if (detectionReference is not null) return new(detectionReference, window);
        try
        {
            return new(ReferenceSet.Resolve(options, data, injected, spec.Seed), window);
        }
        catch (WinnowException)
        {
            return new(null, window); // e.g. too few clean samples: measured without DAS rather than failing the run
        }
    }

    /// <summary>The trainer's progress as progress of one phase of the run.</summary>
    internal static IProgress<TrainingProgress>? Phase(IProgress<RunProgress>? progress, string phase) =>
        progress is null ? null : new TrainingPhase(progress, phase);

    private sealed class DecodingProgress(IProgress<RunProgress> progress) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => progress.Report(new RunProgress("decode images") { Decoded = value });
    }

    private sealed class TrainingPhase(IProgress<RunProgress> progress, string phase) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => progress.Report(new RunProgress(phase, value));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Progress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
