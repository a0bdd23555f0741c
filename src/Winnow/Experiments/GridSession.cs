using Winnow.Runs;

namespace Winnow.Experiments;

/// <summary>
/// The runs of one <see cref="GridRunner.Run"/> call still to do: each executed by the
/// <see cref="Runner"/> with the grid's shared resources (<see cref="GridResources"/>), each
/// finished run appended to results.jsonl at once, each run that fails on its own to
/// failures.jsonl, and progress reported in work units so the ETA follows the real cost.
/// </summary>
internal sealed class GridSession : IDisposable
{
    private readonly string _directory;
    private readonly IReadOnlyList<GridRun> _pending;
    private readonly IProgress<GridProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly GridShard _shard;
    private readonly GridResources _resources;
    private readonly Dictionary<string, GridWork> _work;
    private readonly HashSet<string> _teachersWanted;
    private readonly double _workTotal;
    private int _number, _finished, _failed, _distilled, _staticRuns;
    private GridRun? _current;
    private string? _phase;
    private double _workDone, _runOffset, _phaseUnits, _phaseFraction;

    public GridSession(string directory, IReadOnlyList<GridRun> pending, IProgress<GridProgress>? progress, CancellationToken cancellation, GridShard shard)
    {
        _shard = shard;
        _directory = directory;
        _pending = pending;
        _progress = progress;
        _cancellation = cancellation;
        _resources = new GridResources(directory, message => Report(GridProgressKind.Note, message: message));
        _work = GridWork.Estimate(pending, _resources.Exists);
        _workTotal = _work.Values.Sum(w => w.Total);
        _teachersWanted = pending.Where(r => r.NeedsTeacher).Select(r => r.FullHash).ToHashSet();
    }

    public GridSummary Summary(int runs, int alreadyFinished, double seconds) => new(runs, alreadyFinished, _finished, _failed,
        _resources.DataPreparations, _resources.TeachersTrained, _resources.TeachersFromFullArm, _distilled, _resources.Scorings, _staticRuns,
        _resources.SelectionsReused, seconds);

    public void RunAll()
    {
        foreach (var run in _pending)
        {
            _cancellation.ThrowIfCancellationRequested();
            _number++;
            _current = _resources.Current = run;
            Report(GridProgressKind.RunStarted);
            if (run.Kind == "static") _staticRuns++;
            if (run.NeedsTeacher) _distilled++;
            RunRecord record;
            try
            {
                using var result = Runner.Execute(run.Spec, new PhaseProgress(this), _cancellation, _resources, evaluateEveryEpoch: false);
                if (run.Kind == "full" && _teachersWanted.Contains(run.Hash)) _resources.OfferTeacher(run.Hash, result);
                record = result.Record;
            }
            catch (WinnowException error)
            {
                // An error of this run alone (a diverging loss, a learner refusing its subset): record it and go on,
                // so one diverging arm does not cost the rest of a night's grid. I/O errors and Ctrl-C still stop the grid.
                FailureStore.Append(_directory, new RunFailure(run.Hash, run.Label, run.Spec.ToJson(), error.Message), _shard);
                _failed++;
                EndRun(run);
                Report(GridProgressKind.RunFailed, message: error.Message);
                continue;
            }
            var row = new ResultRow(run.Hash, run.Label, run.Spec.ToJson(), record);
            ResultStore.Append(_directory, row, _shard);
            _finished++;
            EndRun(run);
            Report(GridProgressKind.RunFinished, result: row);
        }
        _current = null;
    }

    private void EndRun(GridRun run)
    {
        _workDone += _work[run.Hash].Total;
        _runOffset = _phaseUnits = _phaseFraction = 0;
        _phase = null;
    }

    private double WorkDone => _workDone + _runOffset + _phaseUnits * _phaseFraction;

    private void OnRunProgress(RunProgress p)
    {
        if (_current is null || p.Phase == "data" || p.Phase == "detection") return;
        if (p.Phase != _phase)
        {
            _runOffset += _phaseUnits;
            _phaseUnits = _work[_current.Hash].Of(p.Phase);
            _phaseFraction = 0;
            _phase = p.Phase;
            Report(GridProgressKind.Phase);
        }
        if (p.Training is not { } training) return;
        var within = training.Finished is not null ? 1 : training.Batches > 0 ? training.Batch / (double)training.Batches : 0;
        _phaseFraction = training.Epochs == 0 ? 0 : Math.Clamp((training.Epoch + within) / training.Epochs, 0, 1);
        Report(GridProgressKind.Training, training: training);
    }

    private void Report(GridProgressKind kind, ResultRow? result = null, string? message = null, Training.TrainingProgress? training = null) =>
        _progress?.Report(new GridProgress(kind, _number, _pending.Count, _current, WorkDone, _workTotal)
        {
            Result = result, Message = message, Phase = _phase, Training = training,
        });

    public void Dispose() => _resources.Dispose();

    /// <summary>One progress object for every run (scoring contexts shared across runs keep the one they were made with).</summary>
    private sealed class PhaseProgress(GridSession session) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => session.OnRunProgress(value);
    }
}
