using Winnow.Data;
using Winnow.Learners;
using Winnow.Models;
using Winnow.Training;
using static TorchSharp.torch;

namespace Winnow.Scoring;

/// <summary>
/// What a coreset method scores: the training set, the options, and surrogate training runs
/// made on demand (trained once, shared by every score the method reads). Keeps apart the time
/// spent training surrogates from the time spent scoring, for the benchmarks.
/// </summary>
public sealed class ScoringContext : IDisposable
{
    private readonly Surrogates _shared;
    private readonly bool _owner;

    /// <param name="surrogate">Trainer settings of the surrogate runs; their epoch count is <see cref="CoresetOptions.ScoreEpochs"/>.</param>
    /// <param name="seed">The run's seed: surrogate r trains with a seed derived from it and r.</param>
    /// <param name="warmup">
    /// The learner the surrogates train with (Prune4ReL warms up with SOP+), without distillation;
    /// cross-entropy when null or when the learner keeps no per-sample record (DivideMix, whose own warm-up is cross-entropy).
    /// </param>
    /// <param name="model">The surrogates' network and device (scores that compute on tensors use that device too).</param>
    public ScoringContext(SampleSet train, CoresetOptions options, ModelRecipe model, TrainerOptions surrogate, int seed,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default, LearnerOptions? warmup = null)
    {
        options.Validate();
        Train = train;
        Options = options;
        Model = model;
        Seed = seed;
        Surrogate = surrogate with { Epochs = options.ScoreEpochs };
        RunEpochs = surrogate.Epochs;
        Progress = progress;
        Cancellation = cancellation;
        Warmup = warmup is { } w && LearnerCatalog.All[w.Name] is { RecordsSamples: true, Networks: 1 } ? w with { Distillation = null } : null;
        _shared = new Surrogates();
        _owner = true;
        Range = ScoreRange.All(train.Count);
    }

    private ScoringContext(ScoringContext source, CoresetOptions options, ScoreRange range)
    {
        Range = range;
        Saved = source.Saved;
        Merged = source.Merged;
        MergedScoringSeconds = source.MergedScoringSeconds;
        Train = source.Train;
        Options = options;
        Model = source.Model;
        Seed = source.Seed;
        Surrogate = source.Surrogate;
        RunEpochs = source.RunEpochs;
        Progress = source.Progress;
        Cancellation = source.Cancellation;
        Warmup = source.Warmup;
        _shared = source._shared;
        _owner = false;
    }

    /// <summary>
    /// This context with another class-balance setting: the same surrogates and scores (balance
    /// only changes which scored samples are kept), so balanced and unbalanced selections of one
    /// method score once. Disposing the result disposes nothing; this context owns the surrogates.
    /// </summary>
    public ScoringContext WithBalance(bool balance) =>
        balance == Options.Balance ? this : new ScoringContext(this, Options with { Balance = balance }, Range);

    /// <summary>
    /// This context scoring only <paramref name="range"/> (a shard's samples): scores come back
    /// for those indices, in order, equal to the same part of the whole set's scores. Shares the
    /// surrogates; disposing the result disposes nothing.
    /// </summary>
    public ScoringContext ForRange(ScoreRange range)
    {
        if (range.From < 0 || range.To > Train.Count || range.Count < 0) throw new ArgumentOutOfRangeException(nameof(range), $"{range} is outside the {Train.Count} samples");
        return range == Range ? this : new ScoringContext(this, Options, range);
    }

    /// <summary>
    /// A context that reads its surrogates from <paramref name="saved"/> instead of training them
    /// (a scoring worker of a sharded selection), and never trains one.
    /// </summary>
    public static ScoringContext FromSaved(SurrogateFolder saved, SampleSet train, ModelRecipe model, int seed, CancellationToken cancellation = default)
    {
        var spec = saved.Manifest.Spec;
        var pruning = (Winnow.Runs.StaticPruning)spec.Pruning;
        var context = new ScoringContext(train, pruning.Scoring, model, spec.Trainer, seed, null, cancellation, spec.Learner) { Saved = saved };
        context._shared.OwnSeconds = saved.Manifest.SurrogateSeconds;
        context._shared.SamplesBackpropagated = saved.Manifest.SamplesBackpropagated;
        return context;
    }

    /// <summary>
    /// This context with the scores a sharded scoring merged (<paramref name="scores"/>, every sample),
    /// which a selection then uses instead of scoring; the cost of the saved surrogates and of the
    /// shards' scoring counts as this selection's. Disposing the result disposes nothing.
    /// </summary>
    public ScoringContext WithMerged(SampleScores scores, double scoringSeconds, double surrogateSeconds, long samplesBackpropagated)
    {
        if (scores.Count != Train.Count) throw new WinnowException($"merged scores cover {scores.Count} samples, the training set has {Train.Count}");
        RecordSurrogate(surrogateSeconds, samplesBackpropagated);
        return new ScoringContext(this, Options, Range) { Merged = scores, MergedScoringSeconds = scoringSeconds };
    }

    /// <summary>The samples scored: all of them unless this context is a shard's (<see cref="ForRange"/>).</summary>
    public ScoreRange Range { get; private init; } = null!;

    /// <summary>Where saved surrogates are read from (null: trained here on demand).</summary>
    public SurrogateFolder? Saved { get; private init; }

    /// <summary>Scores merged from the shards of a sharded scoring, used instead of scoring again (null: score).</summary>
    public SampleScores? Merged { get; init; }

    /// <summary>Seconds the shards spent scoring elsewhere, counted in the selection's cost with <see cref="Merged"/>.</summary>
    public double MergedScoringSeconds { get; init; }

    /// <summary>The training labels of <see cref="Range"/>'s samples.</summary>
    public int[] RangeLabels => Range.Slice(Train.Labels);

    /// <summary>The final predictions of a surrogate for <see cref="Range"/>'s samples.</summary>
    public Predictions FinalOf(SurrogateRun run) => run.FinalFor(Range);

    /// <summary>The surrogates' learner settings (null: plain cross-entropy).</summary>
    public LearnerOptions? Warmup { get; }

    public int Seed { get; }

    public SampleSet Train { get; }

    public CoresetOptions Options { get; }

    public ModelRecipe Model { get; }

    /// <summary>Where the surrogates and every tensor computation of the scores run.</summary>
    public Device Device => Model.Device;

    public TrainerOptions Surrogate { get; }

    /// <summary>The epochs of the training run the selection is for (the span of a warm-up's schedule).</summary>
    public int RunEpochs { get; }

    public IProgress<TrainingProgress>? Progress { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Seconds spent in the surrogate runs' training steps so far (their inference passes count as scoring).</summary>
    public double SurrogateSeconds => _shared.Runs.Concat(_shared.WarmupRuns).Sum(r => r.TrainSeconds) + _shared.OwnSeconds;

    /// <summary>Samples backpropagated by every surrogate run trained so far, retrained ones included (the compute a selection cost).</summary>
    public long SurrogateSamplesBackpropagated => _shared.SamplesBackpropagated;

    /// <summary>
    /// The <see cref="CoresetOptions.Repeats"/> surrogate runs, trained on first use with seeds
    /// derived from the run's seed (run r always gets the same seed).
    /// </summary>
    public IReadOnlyList<SurrogateRun> Runs(bool snapshots = false, bool models = false)
    {
        if (_shared.Runs.Count == Options.Repeats && (!snapshots || _shared.HaveSnapshots) && (!models || _shared.HaveModels)) return _shared.Runs;
        if (Saved is not null)
        {
            foreach (var run in _shared.Runs) run.Dispose();
            _shared.Runs.Clear();
            _shared.Runs.AddRange(Saved.LoadRuns(Train, Model.Device, snapshots, models));
            _shared.HaveSnapshots = snapshots;
            _shared.HaveModels = models;
            return _shared.Runs;
        }
        TrainRuns(_shared.Runs, Surrogate, snapshots || models, models);
        _shared.HaveSnapshots = snapshots || models;
        _shared.HaveModels = models;
        return _shared.Runs;
    }

    /// <summary>
    /// Surrogates that train <see cref="CoresetOptions.ScoreEpochs"/> epochs as the first epochs of
    /// the run's own schedule (spanning <see cref="RunEpochs"/>), so the learning rate stays near its
    /// start: a warm-up, as Prune4ReL's reference takes 10 epochs of its 300-epoch cosine, rather
    /// than a short run annealed to 0.
    /// </summary>
    public IReadOnlyList<SurrogateRun> WarmupRuns()
    {
        if (_shared.WarmupRuns.Count == Options.Repeats) return _shared.WarmupRuns;
        if (Saved is not null) throw new WinnowException("saved surrogates hold no warm-up runs: only methods that rank per-sample scores are scored in shards");
        TrainRuns(_shared.WarmupRuns, Surrogate with { ScheduleEpochs = Math.Max(RunEpochs, Surrogate.Epochs) }, false, false);
        return _shared.WarmupRuns;
    }

    private void TrainRuns(List<SurrogateRun> runs, TrainerOptions options, bool snapshots, bool models)
    {
        foreach (var run in runs) run.Dispose();
        runs.Clear();
        for (var r = 0; r < Options.Repeats; r++)
        {
            _shared.SamplesBackpropagated += (long)Train.Count * options.Epochs;
            // Warm-up and plain surrogates share seeds: they differ in their schedule only.
            var learner = Warmup is null ? null : LearnerCatalog.Create(new LearnerContext(Warmup, Train, options, Seeds.Derive(Seed, "surrogate-learner", r), Device: Device));
            runs.Add(SurrogateRun.Train(Train, Model, options, Seeds.Derive(Seed, "surrogate", r), snapshots, models, Progress, Cancellation, learner));
        }
    }

    /// <summary>Counts the training of surrogates a method makes itself (MoSo's partition surrogates) in the selection's cost.</summary>
    public void RecordSurrogate(double trainSeconds, long samplesBackpropagated)
    {
        _shared.OwnSeconds += trainSeconds;
        _shared.SamplesBackpropagated += samplesBackpropagated;
    }

    /// <summary>
    /// A method's scores, computed on first use and kept, so that every kept fraction of a run
    /// reuses them (for a method that trains its own surrogates, as MoSo's reference protocol).
    /// </summary>
    public float[] ScoresOnce(string method, Func<float[]> compute)
    {
        var key = $"{method} {Range}";
        if (!_shared.Scores.TryGetValue(key, out var values)) _shared.Scores[key] = values = compute();
        return values;
    }

    /// <summary>The mean over the surrogate runs of a per-run score of <see cref="Range"/>'s samples.</summary>
    public float[] Average(Func<SurrogateRun, float[]> score, bool snapshots = false, bool models = false) =>
        Mean(Runs(snapshots, models).Select(score).ToArray(), Range.Count);

    /// <summary>The element-wise mean of per-run scores of <paramref name="count"/> samples, summed in double and divided once.</summary>
    public static float[] Mean(IReadOnlyList<float[]> perRun, int count)
    {
        var sum = new double[count];
        foreach (var values in perRun)
        {
            for (var i = 0; i < sum.Length; i++) sum[i] += values[i];
        }
        return sum.Select(s => (float)(s / perRun.Count)).ToArray();
    }

    public void Dispose()
    {
        if (!_owner) return;
        foreach (var run in _shared.Runs.Concat(_shared.WarmupRuns)) run.Dispose();
        _shared.Runs.Clear();
        _shared.WarmupRuns.Clear();
    }

    /// <summary>What a context and its <see cref="WithBalance"/> copies share: the surrogates, their cost, the scores.</summary>
    private sealed class Surrogates
    {
        public List<SurrogateRun> Runs { get; } = [];
        public List<SurrogateRun> WarmupRuns { get; } = [];
        public bool HaveSnapshots { get; set; }
        public bool HaveModels { get; set; }
        public double OwnSeconds { get; set; }
        public long SamplesBackpropagated { get; set; }
        public Dictionary<string, float[]> Scores { get; } = [];
    }
}
