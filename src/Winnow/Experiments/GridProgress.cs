using Winnow.Training;

namespace Winnow.Experiments;

public enum GridProgressKind
{
    /// <summary>A run begins (<see cref="GridProgress.Run"/>).</summary>
    RunStarted,
    /// <summary>A phase of the run begins: "teacher", "scoring" or "training".</summary>
    Phase,
    /// <summary>A batch or an epoch of the current phase finished (<see cref="GridProgress.Training"/>).</summary>
    Training,
    /// <summary>The run's result was appended (<see cref="GridProgress.Result"/>).</summary>
    RunFinished,
    /// <summary>The run stopped with an error of its own, recorded in failures.jsonl (<see cref="GridProgress.Message"/>); the grid goes on.</summary>
    RunFailed,
    /// <summary>Something was shared or reused (<see cref="GridProgress.Message"/>).</summary>
    Note,
}

/// <summary>
/// Progress of a grid, for the CLI's bars or a log. Work is counted in samples backpropagated,
/// estimated before each run (teacher, scoring and training), so the fraction done and the ETA
/// follow the real cost of runs rather than their count.
/// </summary>
/// <param name="Number">1-based position of the current run among the runs left to do.</param>
/// <param name="Count">Runs left to do when the grid started.</param>
public sealed record GridProgress(GridProgressKind Kind, int Number, int Count, GridRun? Run, double WorkDone, double WorkTotal)
{
    public string? Phase { get; init; }
    public TrainingProgress? Training { get; init; }
    public ResultRow? Result { get; init; }
    public string? Message { get; init; }
}
