using Winnow.Data;
using Winnow.Training;

namespace Winnow.Scoring;

/// <summary>
/// What a coreset method scores: the training set, the options, and surrogate training runs
/// made on demand (trained once, shared by every score the method reads). Keeps apart the time
/// spent training surrogates from the time spent scoring, for the benchmarks.
/// </summary>
public sealed class ScoringContext : IDisposable
{
    private readonly List<SurrogateRun> _runs = [];
    private bool _runsHaveSnapshots;
    private bool _runsHaveModels;

    /// <param name="surrogate">Trainer settings of the surrogate runs; their epoch count is <see cref="CoresetOptions.ScoreEpochs"/>.</param>
    public ScoringContext(SampleSet train, CoresetOptions options, string modelName, TrainerOptions surrogate,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        Train = train;
        Options = options;
        ModelName = modelName;
        Surrogate = surrogate with { Epochs = options.ScoreEpochs };
        Progress = progress;
        Cancellation = cancellation;
    }

    public SampleSet Train { get; }

    public CoresetOptions Options { get; }

    public string ModelName { get; }

    public TrainerOptions Surrogate { get; }

    public IProgress<TrainingProgress>? Progress { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Seconds spent in the surrogate runs' training steps so far (their inference passes count as scoring).</summary>
    public double SurrogateSeconds => _runs.Sum(r => r.TrainSeconds);

    /// <summary>
    /// The <see cref="CoresetOptions.Repeats"/> surrogate runs, trained on first use with seeds
    /// derived from the options' seed (run r always gets the same seed).
    /// </summary>
    public IReadOnlyList<SurrogateRun> Runs(bool snapshots = false, bool models = false)
    {
        if (_runs.Count == Options.Repeats && (!snapshots || _runsHaveSnapshots) && (!models || _runsHaveModels)) return _runs;
        foreach (var run in _runs) run.Dispose();
        _runs.Clear();
        for (var r = 0; r < Options.Repeats; r++)
            _runs.Add(SurrogateRun.Train(Train, ModelName, Surrogate, Seeds.Derive(Options.Seed, "surrogate", r),
                snapshots || models, models, Progress, Cancellation));
        _runsHaveSnapshots = snapshots || models;
        _runsHaveModels = models;
        return _runs;
    }

    /// <summary>The mean over the surrogate runs of a per-run score.</summary>
    public float[] Average(Func<SurrogateRun, float[]> score, bool snapshots = false, bool models = false)
    {
        var runs = Runs(snapshots, models);
        var sum = new double[Train.Count];
        foreach (var run in runs)
        {
            var values = score(run);
            for (var i = 0; i < sum.Length; i++) sum[i] += values[i];
        }
        return sum.Select(s => (float)(s / runs.Count)).ToArray();
    }

    public void Dispose()
    {
        foreach (var run in _runs) run.Dispose();
        _runs.Clear();
    }
}
