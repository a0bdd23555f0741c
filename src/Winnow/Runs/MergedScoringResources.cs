using Winnow.Data;
using Winnow.Scoring;

namespace Winnow.Runs;

/// <summary>
/// A single run's resources whose scoring context carries the scores merged from a sharded scoring
/// (<see cref="ShardedScoring.Merge"/>), so the run selects from them instead of training surrogates.
/// Refuses a context of any other key: the merged scores are for the saved spec's method alone.
/// </summary>
internal sealed class MergedScoringResources(SurrogateManifest manifest, SampleScores merged, double scoringSeconds) : IRunResources, IDisposable
{
    private readonly SingleRunResources _own = new();
    private ScoringContext? _created;
    private ScoringContext? _merged;

    public PreparedData Data(DataSpec data, int seed, IProgress<(int Done, int Total)>? decoding = null)
    {
        var prepared = _own.Data(data, seed, decoding);
        if (prepared.Identity != manifest.Data)
            throw new WinnowException($"this training set (sha256 {prepared.Identity.Sha256[..12]}…) is not the one the surrogates were trained on (sha256 {manifest.Data.Sha256[..12]}…)");
        return prepared;
    }

    public ScoringContext Scoring(string key, Func<ScoringContext> create)
    {
        if (key != manifest.ScoringKey) throw new InvalidOperationException("the merged scores serve only the saved spec's scoring context");
        if (_merged is not null) return _merged;
        _created = create();
        return _merged = _created.WithMerged(merged, scoringSeconds, manifest.SurrogateSeconds, manifest.SamplesBackpropagated);
    }

    public ChosenCoreset Selection(string key, Func<ChosenCoreset> choose) => _own.Selection(key, choose);

    public TeacherSource Teacher(RunSpec teacher, Func<RunResult> train) => _own.Teacher(teacher, train);

    public void Dispose()
    {
        _created?.Dispose();
        _own.Dispose();
    }
}
